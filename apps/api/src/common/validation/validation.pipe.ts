import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * Checks of a value's size or range: said of a missing value they are noise ("trop longue" next
 * to "Saisissez votre adresse"), so a missing field gets only what says it is missing or mistyped.
 */
const SIZE_CONSTRAINTS = new Set([
  'maxLength',
  'minLength',
  'isLength',
  'max',
  'min',
  'arrayMaxSize',
  'arrayMinSize',
  'maxDate',
  'minDate',
]);

function messagesOf(error: ValidationError): string[] {
  const constraints = Object.entries(error.constraints ?? {});
  if (error.value !== undefined && error.value !== null) return constraints.map(([, message]) => message);
  const presence = constraints.filter(([name]) => !SIZE_CONSTRAINTS.has(name));
  return (presence.length > 0 ? presence : constraints).map(([, message]) => message);
}

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = messagesOf(error).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Whitelists DTO fields, refuses unknown ones and reports every invalid field in French
 * (DTO decorators carry French messages).
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: 'Certaines valeurs sont invalides.',
        errors: flatten(errors).map((e) =>
          e.message.startsWith('property ')
            ? { field: e.field, message: `Champ non autorisé : ${e.field}` }
            : e,
        ),
      }),
  });
}
