import { Module } from '@nestjs/common';
import { ComputationModule } from '../computation/computation.module';
import { ItemBenchmarkRepository } from './item-benchmark.repository';
import { ItemBenchmarkService } from './item-benchmark.service';
import { PracticesRepository } from './practices.repository';
import { PracticesService } from './practices.service';
import { RestitutionExportService } from './restitution-export.service';
import { RestitutionController } from './restitution.controller';
import { RestitutionRepository } from './restitution.repository';
import { RestitutionService } from './restitution.service';
import { TerritoryExportService } from './territory-export.service';
import { TerritoryRestitutionController } from './territory-restitution.controller';
import { TerritoryComparisonService } from './territory-comparison.service';
import { TerritoryInputs } from './territory-inputs';
import { TerritoryReportService } from './territory-report.service';
import { TerritoryRestitutionService } from './territory-restitution.service';
import { TerritoryRepository } from './territory.repository';

/**
 * Benchmark and restitutions: each structure's place in its peers' distributions. The
 * distributions themselves are computed by the computation module (its job, after confirmations).
 */
@Module({
  imports: [ComputationModule],
  controllers: [RestitutionController, TerritoryRestitutionController],
  providers: [
    RestitutionRepository,
    TerritoryRepository,
    RestitutionService,
    RestitutionExportService,
    TerritoryInputs,
    TerritoryRestitutionService,
    TerritoryComparisonService,
    TerritoryReportService,
    TerritoryExportService,
    ItemBenchmarkRepository,
    ItemBenchmarkService,
    PracticesRepository,
    PracticesService,
  ],
})
export class RestitutionModule {}
