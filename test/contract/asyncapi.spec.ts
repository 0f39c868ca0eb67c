import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventTypes } from '@threadline/canonical';
import { OPENAPI_DIR } from '../support/openapi';

describe('AsyncAPI document', () => {
  const text = readFileSync(join(OPENAPI_DIR, 'asyncapi.yaml'), 'utf8');
  const addresses = [...text.matchAll(/^\s+address: (\S+)$/gm)].map((m) => m[1]).sort();

  it('describes exactly the event types the code publishes', () => {
    expect(addresses).toEqual(Object.values(EventTypes).sort());
  });

  it('is AsyncAPI 3', () => {
    expect(text).toMatch(/^asyncapi: 3\.\d+\.\d+$/m);
  });
});
