import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors/app-error';
import { isDeclaredErrorCode } from '../errors/error-codes';

export interface FieldError {
  field: string;
  messages: string[];
}

/**
 * A constraint may name the code a failure of it answers with (`context: { code }` in its
 * options), so a rule a client can act on keeps its own code; otherwise VALIDATION_FAILED.
 */
function codeOf(errors: ValidationError[]): string {
  for (const e of errors) {
    for (const context of Object.values(e.contexts ?? {})) {
      const code = (context as { code?: unknown })?.code;
      if (typeof code === 'string' && isDeclaredErrorCode(code)) return code;
    }
    const nested = codeOf(e.children ?? []);
    if (nested !== 'VALIDATION_FAILED') return nested;
  }
  return 'VALIDATION_FAILED';
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Path parameters: a flat record of short strings (the router bounds their length). */
function isParamRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).every((v) => typeof v === 'string');
}

function copyOf<T extends object>(instance: T): T {
  return Object.assign(Object.create(Object.getPrototypeOf(instance) as object) as T, instance);
}

/**
 * Remembers the path parameters each DTO class accepted, so a read repeated with the same path
 * (a cached master-data GET, where class-transformer and class-validator were a tenth of the CPU)
 * skips validating them again. Parameter rules are pure functions of the values (lengths,
 * patterns), so an accepted set stays accepted; refusals are never remembered, and bodies and
 * queries are validated every time. Each request gets its own copy of the instance.
 */
class ValidationPipeRememberingParams extends ValidationPipe {
  private readonly accepted = new WeakMap<object, LRUCache<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (metadata.type !== 'param' || !metatype || !isParamRecord(value)) return super.transform(value, metadata);
    const key = JSON.stringify(value);
    const known = this.accepted.get(metatype)?.get(key);
    if (known) return copyOf(known);
    const result: unknown = await super.transform(value, metadata);
    if (typeof result === 'object' && result !== null && result !== value) {
      let forType = this.accepted.get(metatype);
      if (!forType) this.accepted.set(metatype, (forType = new LRUCache<string, object>({ max: 10_000 })));
      forType.set(key, copyOf(result));
    }
    return result;
  }
}

/** Unknown fields are rejected, not silently dropped: a typo in a payload must not pass. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipeRememberingParams({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new AppError(
        codeOf(errors),
        fieldErrors.map((f) => `${f.field}: ${f.messages.join(', ')}`).join('; '),
        { errors: fieldErrors },
      );
    },
  });
}
