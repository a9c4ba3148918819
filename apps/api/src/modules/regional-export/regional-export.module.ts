import { Module } from '@nestjs/common';
import { ComputationModule } from '../computation/computation.module';
import { OpenDataService } from './open-data.service';
import { OpenDataController, RegionalExportController } from './regional-export.controller';
import { RegionalExportRepository } from './regional-export.repository';
import { RegionalExportService } from './regional-export.service';

/** The regional export of a campaign (one row per ESMS, the columns of the current platform) and open data. */
@Module({
  imports: [ComputationModule],
  controllers: [RegionalExportController, OpenDataController],
  providers: [RegionalExportRepository, RegionalExportService, OpenDataService],
})
export class RegionalExportModule {}
