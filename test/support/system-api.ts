import type { RunningApp } from '@threadline/platform';
import { startErpMock } from '../../apps/erp-mock/src/erp-mock.app';
import { ErpMockConfig } from '../../apps/erp-mock/src/erp-mock.config';
import { startErpSystemApi } from '../../apps/erp-system-api/src/erp-system-api.app';
import { ErpSystemApiConfig } from '../../apps/erp-system-api/src/erp-system-api.config';
import { startPlmMock } from '../../apps/plm-mock/src/plm-mock.app';
import { PlmMockConfig } from '../../apps/plm-mock/src/plm-mock.config';
import { startPlmSystemApi } from '../../apps/plm-system-api/src/plm-system-api.app';
import { PlmSystemApiConfig } from '../../apps/plm-system-api/src/plm-system-api.config';
import { startSchedulerMock } from '../../apps/scheduler-mock/src/scheduler-mock.app';
import { SchedulerMockConfig } from '../../apps/scheduler-mock/src/scheduler-mock.config';
import { startSchedulingSystemApi } from '../../apps/scheduling-system-api/src/scheduling-system-api.app';
import { SchedulingSystemApiConfig } from '../../apps/scheduling-system-api/src/scheduling-system-api.config';
import { startTestIdp, TestIdp } from './idp';
import { createTestDatabase, TestDatabase } from './test-database';

/** The settings a test may give each system API on top of the wiring (port, database, IdP, backend). */
export interface SystemApiSettings {
  erp: Partial<ErpSystemApiConfig>;
  plm: Partial<PlmSystemApiConfig>;
  scheduling: Partial<SchedulingSystemApiConfig>;
}
export type SystemName = keyof SystemApiSettings;

interface Wiring {
  port: number;
  databaseUrl: string;
  jwksUrl: string;
  jwtIssuer: string;
}

interface System<S extends SystemName> {
  startBackend: (wiring: Wiring) => Promise<RunningApp>;
  startApi: (wiring: Wiring & { tokenUrl: string }, backendUrl: string, settings: SystemApiSettings[S]) => Promise<RunningApp>;
}

/** Each system API over its simulated backend, which it reaches over HTTP as in production. */
const SYSTEMS: { [S in SystemName]: System<S> } = {
  erp: {
    startBackend: (wiring) => startErpMock(Object.assign(new ErpMockConfig(), wiring)),
    startApi: (wiring, erpBaseUrl, settings) => startErpSystemApi(Object.assign(new ErpSystemApiConfig(), wiring, { erpBaseUrl }, settings)),
  },
  plm: {
    startBackend: (wiring) => startPlmMock(Object.assign(new PlmMockConfig(), wiring)),
    startApi: (wiring, plmBaseUrl, settings) => startPlmSystemApi(Object.assign(new PlmSystemApiConfig(), wiring, { plmBaseUrl }, settings)),
  },
  scheduling: {
    startBackend: (wiring) => startSchedulerMock(Object.assign(new SchedulerMockConfig(), wiring)),
    startApi: (wiring, schedulerBaseUrl, settings) =>
      startSchedulingSystemApi(Object.assign(new SchedulingSystemApiConfig(), wiring, { schedulerBaseUrl }, settings)),
  },
};

export interface SystemApiUnderTest<S extends SystemName> {
  /** The test file's own database, shared by the IdP, the backend and the API. */
  db: TestDatabase;
  idp: TestIdp;
  /** The simulated backend; a test may close it to take the backend down (close() allows that). */
  mock: RunningApp;
  api: RunningApp;
  /** Another instance of the API over the same backend, with settings of its own; close() closes it too. */
  startApi(settings?: SystemApiSettings[S]): Promise<RunningApp>;
  /** Closes every app it started, newest first, then drops the database. */
  close(): Promise<void>;
}

/**
 * A system API under test: a fresh database, the IdP, the system's simulated backend and the API,
 * each on a free port. If a start fails, what was started is closed before the error is thrown.
 */
export async function startSystemApiUnderTest<S extends SystemName>(
  system: S,
  options: { label: string; api?: SystemApiSettings[S] },
): Promise<SystemApiUnderTest<S>> {
  const { startBackend, startApi } = SYSTEMS[system] as System<S>;
  const closers: Array<() => Promise<void>> = [];
  // Every closer runs even when one fails, so a failing close leaves no other app or database behind.
  const close = async (): Promise<void> => {
    const failures: unknown[] = [];
    while (closers.length > 0) await closers.pop()!().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  };
  // Closing twice is a no-op, so a test that closed an app itself leaves close() nothing to do.
  const opened = <T extends { close(): Promise<void> }>(app: T): T => {
    let closing: Promise<void> | undefined;
    const once = () => (closing ??= app.close());
    closers.push(once);
    return { ...app, close: once };
  };
  try {
    const db = await createTestDatabase(options.label);
    closers.push(() => db.drop());
    const idp = opened(await startTestIdp(db.url));
    const wiring: Wiring = { port: 0, databaseUrl: db.url, jwksUrl: idp.jwksUrl, jwtIssuer: idp.issuer };
    const mock = opened(await startBackend(wiring));
    const apiWith = async (settings: SystemApiSettings[S] = {}) => opened(await startApi({ ...wiring, tokenUrl: idp.tokenUrl }, mock.url, settings));
    const api = await apiWith(options.api);
    return { db, idp, mock, api, startApi: apiWith, close };
  } catch (error) {
    await close();
    throw error;
  }
}
