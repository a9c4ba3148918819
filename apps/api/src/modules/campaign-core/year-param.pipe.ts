import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';

/** `:year` route parameters: a four-digit campaign year. */
@Injectable()
export class YearParamPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{4}$/.test(value)) {
      throw new DomainError('VALIDATION_FAILED', `« ${value} » n’est pas une année de campagne.`);
    }
    return Number(value);
  }
}
