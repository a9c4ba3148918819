import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { createValidationPipe } from './validation.pipe';

class Body {
  @IsString({ message: 'Saisissez votre adresse électronique.' })
  @MaxLength(10, { message: 'Adresse électronique trop longue.' })
  email!: string;

  @IsInt({ message: 'Le nombre est un entier.' })
  @Min(1, { message: 'Au moins 1.' })
  @Max(5, { message: 'Au plus 5.' })
  count!: number;
}

async function errorsOf(value: unknown): Promise<{ field: string; message: string }[]> {
  try {
    await createValidationPipe().transform(value, { type: 'body', metatype: Body });
  } catch (error) {
    if (error instanceof BadRequestException) {
      return (error.getResponse() as { errors: { field: string; message: string }[] }).errors;
    }
    throw error;
  }
  return [];
}

describe('validation pipe', () => {
  it('says a missing field is missing, without size checks that only apply to a value', async () => {
    expect(await errorsOf({})).toEqual([
      { field: 'email', message: 'Saisissez votre adresse électronique.' },
      { field: 'count', message: 'Le nombre est un entier.' },
    ]);
    expect(await errorsOf({ email: null, count: null })).toEqual([
      { field: 'email', message: 'Saisissez votre adresse électronique.' },
      { field: 'count', message: 'Le nombre est un entier.' },
    ]);
  });

  it('reports every check a present value fails', async () => {
    const errors = await errorsOf({ email: 'une-adresse-bien-trop-longue', count: 9 });
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'email', message: 'Adresse électronique trop longue.' },
        { field: 'count', message: 'Au plus 5.' },
      ]),
    );
    expect(errors).toHaveLength(2);
    expect(await errorsOf({ email: 'a@b.fr', count: 3 })).toEqual([]);
  });
});
