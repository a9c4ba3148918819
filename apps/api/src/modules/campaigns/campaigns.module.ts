import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { CampaignJobsService } from './campaign-jobs.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';
import { DictionaryRegistry } from './dictionary-registry.service';
import { OrganisationEntryService } from './organisation-entry.service';
import { PreparationGridService } from './preparation-grid.service';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsService } from './submissions.service';

/** Campaigns, submissions and data entry (form, OG grid, Excel grid, bulk). */
@Module({
  imports: [AccountsModule, IndicatorsModule],
  controllers: [CampaignsController, SubmissionsController],
  providers: [
    CampaignsService,
    CampaignJobsService,
    DictionaryRegistry,
    SubmissionsService,
    OrganisationEntryService,
    PreparationGridService,
  ],
  exports: [CampaignsService, SubmissionsService, DictionaryRegistry],
})
export class CampaignsModule {}
