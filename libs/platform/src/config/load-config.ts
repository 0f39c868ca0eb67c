import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ConfigError extends Error {
  constructor(app: string, problems: string[]) {
    super(`${app}: invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Builds a typed config object from raw values (usually environment variables) and checks it,
 * so that a bad setting stops the app at boot with one clear line.
 * Undefined values are dropped so that the class's defaults apply.
 */
export function loadConfig<T extends object>(app: string, cls: new () => T, raw: Record<string, unknown>): T {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(cls, defined, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new ConfigError(
      app,
      errors.map((e) => `${e.property}=${JSON.stringify(e.value)} (${Object.values(e.constraints ?? {}).join(', ')})`),
    );
  }
  return config;
}

/** Reads `<PREFIX>PORT` style settings with a fallback to the unprefixed name. */
export function envWithPrefix(env: NodeJS.ProcessEnv, prefix: string, name: string): string | undefined {
  return env[`${prefix}${name}`] ?? env[name];
}
