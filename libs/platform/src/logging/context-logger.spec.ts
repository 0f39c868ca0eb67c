import { contextFrom, runInContext } from '../http/request-context';
import { ContextLogger } from './context-logger';

/** What the logger writes to stdout while `work` runs. */
function written(work: () => void): string {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    work();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

describe('ContextLogger: the correlation id of the work in hand on every line', () => {
  const context = contextFrom('3ce03047-3657-4bea-9124-23d09aa9e404', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');

  it('writes it after the logger context, without being handed it', () => {
    const logger = new ContextLogger({ colors: false });
    const line = written(() => runInContext(context, () => logger.log('release received', 'ReceiveReleasedChangeConsumer')));
    expect(line).toContain('[ReceiveReleasedChangeConsumer] (3ce03047-3657-4bea-9124-23d09aa9e404) release received');
  });

  it('writes none outside a request, an event or a job', () => {
    const logger = new ContextLogger({ colors: false });
    const line = written(() => logger.log('listening on http://127.0.0.1:4301', 'process-api'));
    expect(line).toContain('[process-api] listening');
    expect(line).not.toMatch(/\(\S+-\S+\)/);
  });

  it('adds correlationId and traceId to each JSON line', () => {
    const logger = new ContextLogger({ json: true });
    const line = written(() => runInContext(context, () => logger.warn('P2: frePPLe answered 503 (will retry)', 'RollOutPlantWorker')));
    expect(JSON.parse(line)).toMatchObject({
      level: 'warn',
      context: 'RollOutPlantWorker',
      message: 'P2: frePPLe answered 503 (will retry)',
      correlationId: '3ce03047-3657-4bea-9124-23d09aa9e404',
      traceId: '0af7651916cd43dd8448eb211c80319c',
    });
  });
});
