import { Module } from '@nestjs/common';
import { FinessImportController } from './finess-import.controller';
import { FinessImportService } from './finess-import.service';
import { StructuresController } from './structures.controller';
import { StructuresService } from './structures.service';

@Module({
  controllers: [StructuresController, FinessImportController],
  providers: [StructuresService, FinessImportService],
  exports: [StructuresService, FinessImportService],
})
export class StructuresModule {}
