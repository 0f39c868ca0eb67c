import { IsInt, IsUrl, Max, Min } from 'class-validator';
import { ConfigError, loadConfig } from './load-config';

class SampleConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  port: number = 4101;

  @IsUrl({ protocols: ['postgres'], require_tld: false })
  databaseUrl: string;
}

describe('loadConfig', () => {
  it('converts strings from the environment and keeps defaults for missing values', () => {
    const config = loadConfig('sample', SampleConfig, { port: '5000', databaseUrl: 'postgres://localhost/db' });
    expect(config.port).toBe(5000);
    expect(loadConfig('sample', SampleConfig, { port: undefined, databaseUrl: 'postgres://localhost/db' }).port).toBe(4101);
  });

  it('stops with one line naming every bad setting', () => {
    expect(() => loadConfig('sample', SampleConfig, { port: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig('sample', SampleConfig, { port: '70000' })).toThrow(/sample: invalid configuration: port="?70000"? .*databaseUrl/);
  });
});
