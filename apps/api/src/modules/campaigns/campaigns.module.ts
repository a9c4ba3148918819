import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MailModule } from '../mail/mail.module';
import { AtypiaEngineModule } from '../atypia/atypia-engine.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { DistributionsService } from '../restitution/distributions.service';
import { CampaignScopeController } from './campaign-scope.controller';
import { CampaignScopeService } from './campaign-scope.service';
import { CampaignJobsService } from './campaign-jobs.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';
import { DictionaryRegistry } from './dictionary-registry.service';
import { FollowUpController } from './follow-up.controller';
import { FollowUpService } from './follow-up.service';
import { MailingsController } from './mailings.controller';
import { MailingsService } from './mailings.service';
import { OrganisationEntryService } from './organisation-entry.service';
import { PreparationGridService } from './preparation-grid.service';
import { ReferentsController } from './referents.controller';
import { ReferentsService } from './referents.service';
import { SubmissionsController } from './submissions.controller';
import { SubmissionsService } from './submissions.service';

/** Campaigns, submissions and data entry (form, OG grid, Excel grid, bulk). */
@Module({
  imports: [AuditModule, MailModule, IndicatorsModule, AtypiaEngineModule],
  controllers: [
    CampaignsController,
    SubmissionsController,
    FollowUpController,
    MailingsController,
    ReferentsController,
    CampaignScopeController,
  ],
  providers: [
    CampaignsService,
    CampaignJobsService,
    DistributionsService,
    DictionaryRegistry,
    SubmissionsService,
    OrganisationEntryService,
    PreparationGridService,
    FollowUpService,
    MailingsService,
    ReferentsService,
    CampaignScopeService,
  ],
  exports: [
    CampaignsService,
    SubmissionsService,
    DictionaryRegistry,
    OrganisationEntryService,
    DistributionsService,
  ],
})
export class CampaignsModule {}
