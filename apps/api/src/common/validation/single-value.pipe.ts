import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain-error';

/**
 * A query parameter read on its own (`@Query('x', SingleValuePipe)`): one text, or absent. A
 * repeated parameter (`?x=a&x=b`) or a nested one (`?x[a]=b`) is a 400, not a crash further down.
 */
@Injectable()
export class SingleValuePipe implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown, metadata: ArgumentMetadata): string | undefined {
    if (value === undefined || typeof value === 'string') return value;
    throw new DomainError(
      'VALIDATION_FAILED',
      `Le paramètre « ${metadata.data ?? '?'} » doit être donné une seule fois, comme un texte.`,
    );
  }
}
