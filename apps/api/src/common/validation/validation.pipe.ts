import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
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
