import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * On one of two alternative properties: valid when exactly one of the two is given. Pair it with
 * `@ValidateIf((o) => o.<this> !== undefined || o.<other> === undefined)` instead of @IsOptional,
 * so that it also runs when neither is given. A `context: { code }` in the options names the
 * problem code the API answers with (the validation pipe uses it when the code is declared).
 */
export function ExactlyOneOf(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'exactlyOneOf',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const given = (v: unknown) => v !== undefined && v !== null;
          return given(value) !== given((args.object as Record<string, unknown>)[other]);
        },
        defaultMessage(args: ValidationArguments): string {
          return `give exactly one of ${args.property} and ${String(args.constraints[0])}`;
        },
      },
    });
}
