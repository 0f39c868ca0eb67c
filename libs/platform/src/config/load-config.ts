import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';

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
  const problems = validationProblems(validateSync(config, { whitelist: true, forbidNonWhitelisted: true }));
  if (problems.length > 0) throw new ConfigError(app, problems);
  return config;
}

/** Each failed setting as `path=value (why)`, nested settings by their dotted path (`plants.P3.timeZone`). */
export function validationProblems(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [`${path}=${JSON.stringify(e.value) ?? 'undefined'} (${Object.values(e.constraints).join(', ')})`] : [];
    return [...own, ...validationProblems(e.children ?? [], path)];
  });
}

/** Reads `<PREFIX>PORT` style settings with a fallback to the unprefixed name. */
export function envWithPrefix(env: NodeJS.ProcessEnv, prefix: string, name: string): string | undefined {
  return env[`${prefix}${name}`] ?? env[name];
}
