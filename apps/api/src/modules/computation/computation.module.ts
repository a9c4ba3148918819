import { Module } from '@nestjs/common';
import { CampaignCoreModule } from '../campaign-core/campaign-core.module';
import { AtypiaFlagsRepository } from './atypia-flags.repository';
import { CampaignJobsRepository } from './campaign-jobs.repository';
import { CampaignJobsService } from './campaign-jobs.service';
import { CampaignRecomputeService } from './campaign-recompute.service';
import { DerivedRules } from './derived-rules.service';
import { IndicatorValuesRepository } from './indicator-values.repository';
import { PeerReferencesCache } from './peer-references.cache';
import { PeerStatisticsRepository } from './peer-statistics.repository';
import { PeerStatisticsService } from './peer-statistics.service';
import { PreviousValuesRepository } from './previous-values.repository';
import { RecomputeRepository } from './recompute.repository';
import { StructureRefresh } from './structure-refresh.service';

/**
 * Everything derived from submitted values: indicators, atypia flags, distributions and peer
 * references. It owns their tables and the campaign jobs, and offers two entry points:
 * `StructureRefresh.refresh` (one structure, inside the transaction of a write) and
 * `CampaignJobsService` (a campaign's recompute, resumable, with progress). Readers of the derived
 * tables use the repositories exported here.
 */
@Module({
  imports: [CampaignCoreModule],
  providers: [
    DerivedRules,
    IndicatorValuesRepository,
    AtypiaFlagsRepository,
    PreviousValuesRepository,
    PeerStatisticsRepository,
    PeerStatisticsService,
    RecomputeRepository,
    CampaignJobsRepository,
    CampaignRecomputeService,
    CampaignJobsService,
    StructureRefresh,
    PeerReferencesCache,
  ],
  exports: [
    CampaignCoreModule,
    DerivedRules,
    IndicatorValuesRepository,
    AtypiaFlagsRepository,
    PeerStatisticsService,
    CampaignJobsService,
    StructureRefresh,
  ],
})
export class ComputationModule {}
