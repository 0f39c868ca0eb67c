import { ValidationError, ValidationPipe } from '@nestjs/common';
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

/** Unknown fields are rejected, not silently dropped: a typo in a payload must not pass. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
