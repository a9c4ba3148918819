import { Module } from '@nestjs/common';
import { ReferenceController } from './reference.controller';

/** Reference data (categories, territories, competences) from @tdb/reference, for the SPA's filters. */
@Module({ controllers: [ReferenceController] })
export class ReferenceModule {}
