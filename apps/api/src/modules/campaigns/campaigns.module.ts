import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MailModule } from '../mail/mail.module';
import { ComputationModule } from '../computation/computation.module';
import { StructuresModule } from '../structures/structures.module';
import { RegistersModule } from '../registers/registers.module';
import { CategoryConsequences } from './category-consequences.service';
import { CampaignScopeController } from './campaign-scope.controller';
import { CampaignScopeService } from './campaign-scope.service';
import { CampaignsController } from './campaigns.controller';
import { CampaignAdministrationRepository } from './campaign-administration.repository';
import { CampaignsService } from './campaigns.service';
import { FollowUpController } from './follow-up.controller';
import { FollowUpService } from './follow-up.service';
import { MailingsController } from './mailings.controller';
import { MailingsRepository } from './mailings.repository';
import { MailingsService } from './mailings.service';
import { OrganisationEntryService } from './organisation-entry.service';
import { PreparationGridService } from './preparation-grid.service';
import { ReferentsController } from './referents.controller';
import { ReferentsRepository } from './referents.repository';
import { ReferentsService } from './referents.service';
import { StructureContactsRepository } from './structure-contacts.repository';
import { SubmissionsController } from './submissions.controller';
import { SubmissionListsRepository } from './submission-lists.repository';
import { SubmissionPartsRepository } from './submission-parts.repository';
import { SubmissionRowsRepository } from './submission-rows.repository';
import { SubmissionReader } from './submission-reader.service';
import { SubmissionTransitions } from './submission-transitions.service';
import { SubmissionWriter } from './submission-writer.service';

import { SubmissionExtensionsController } from './submission-extensions.controller';
import { SubmissionExtensionsRepository } from './submission-extensions.repository';
import { SubmissionExtensionsService } from './submission-extensions.service';

/**
 * Campaigns, submissions and data entry (form, OG grid, Excel grid, bulk). Every write refreshes
 * the structure's derived data through the computation module, in its own transaction; a category
 * correction of the registry does too (CategoryConsequences, registered with the structures module).
 */
@Module({
  imports: [AuditModule, MailModule, ComputationModule, StructuresModule, RegistersModule],
  controllers: [
    CampaignsController,
    SubmissionsController,
    FollowUpController,
    MailingsController,
    ReferentsController,
    CampaignScopeController,
    SubmissionExtensionsController,
  ],
  providers: [
    CategoryConsequences,
    CampaignsService,
    CampaignAdministrationRepository,
    SubmissionReader,
    SubmissionWriter,
    SubmissionTransitions,
    SubmissionPartsRepository,
    SubmissionRowsRepository,
    SubmissionListsRepository,
    StructureContactsRepository,
    OrganisationEntryService,
    PreparationGridService,
    FollowUpService,
    MailingsService,
    MailingsRepository,
    ReferentsService,
    ReferentsRepository,
    CampaignScopeService,
    SubmissionExtensionsService,
    SubmissionExtensionsRepository,
  ],
  exports: [SubmissionReader, SubmissionTransitions],
})
export class CampaignsModule {}
