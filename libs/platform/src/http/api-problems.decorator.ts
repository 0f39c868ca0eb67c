import { METHOD_METADATA } from '@nestjs/common/constants';
import { DECORATORS } from '@nestjs/swagger';

/** The OpenAPI extension listing the error codes an operation may answer. */
export const PROBLEM_CODES_EXTENSION = 'x-problem-codes';

function addCodes(target: object, codes: readonly string[]): void {
  const extensions = (Reflect.getMetadata(DECORATORS.API_EXTENSION, target) as Record<string, unknown> | undefined) ?? {};
  const known = (extensions[PROBLEM_CODES_EXTENSION] as string[] | undefined) ?? [];
  Reflect.defineMetadata(DECORATORS.API_EXTENSION, { ...extensions, [PROBLEM_CODES_EXTENSION]: [...new Set([...known, ...codes])] }, target);
}

/**
 * Declares the error codes an operation (or every operation of a controller) may answer besides
 * the platform's own (validation, authentication, rate limits). The OpenAPI document gets one
 * problem+json response per status, its description listing the codes, the statuses taken from
 * the codes' declarations (defineErrorCodes): the same table the ProblemFilter answers with.
 * Repeated on a controller and its methods, the codes add up.
 */
export function ApiProblems(...codes: string[]): MethodDecorator & ClassDecorator {
  return ((target: object | (new (...args: never[]) => unknown), _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      addCodes(descriptor.value as object, codes);
      return descriptor;
    }
    const prototype = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name)?.value as object | undefined;
      if (name !== 'constructor' && typeof method === 'function' && Reflect.hasMetadata(METHOD_METADATA, method)) addCodes(method, codes);
    }
    return target;
  }) as MethodDecorator & ClassDecorator;
}
