import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

/** Route parameters naming a FINESS number: 9 characters, 8-digit numbers padded back. */
@Injectable()
export class FinessParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const normalised = value.trim().toUpperCase();
    const padded = /^\d{8}$/.test(normalised) ? `0${normalised}` : normalised;
    if (!/^[0-9][0-9AB][0-9]{7}$/.test(padded)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `« ${value} » n’est pas un numéro FINESS : 9 caractères attendus.`,
      );
    }
    return padded;
  }
}
