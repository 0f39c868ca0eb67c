import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { APP_NAMES, AppName, RunningPlatform } from '../../apps/launcher/src/platform-runner';

export const OPENAPI_DIR = join(__dirname, '..', '..', 'openapi');

export function openApiPath(app: AppName): string {
  return join(OPENAPI_DIR, `${app}.openapi.json`);
}

/** The OpenAPI document each running app serves at /docs-json, as the code generates it. */
export async function servedOpenApiDocuments(platform: RunningPlatform): Promise<Record<AppName, object>> {
  const documents = {} as Record<AppName, object>;
  for (const app of APP_NAMES) {
    const response = await fetch(`${platform.url(app)}/docs-json`);
    if (!response.ok) throw new Error(`${app}: /docs-json answered ${response.status}`);
    documents[app] = (await response.json()) as object;
  }
  return documents;
}

export function committedOpenApiDocument(app: AppName): object | undefined {
  const path = openApiPath(app);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as object) : undefined;
}

export function formatOpenApi(document: object): string {
  return JSON.stringify(document, null, 2) + '\n';
}
