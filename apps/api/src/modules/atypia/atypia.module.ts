import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MailModule } from '../mail/mail.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { ComputationModule } from '../computation/computation.module';
import { AtypiaReviewController } from './atypia-review.controller';
import { AtypiaDecisionsService } from './atypia-decisions.service';
import { AtypiaReviewRepository } from './atypia-review.repository';
import { AtypiaReviewService } from './atypia-review.service';
import { AtypiaTableService } from './atypia-table.service';
import { AtypiaTargets } from './atypia-targets';
import { FiabilisationController } from './fiabilisation.controller';
import { FiabilisationPrioritiesService } from './fiabilisation-priorities.service';
import { FiabilisationRepository } from './fiabilisation.repository';
import { FiabilisationService } from './fiabilisation.service';

/**
 * The review of atypia by ARS and CD: the table, the threads, decisions, and who checks what. The
 * flags themselves are raised by the computation module; a decision that invalidates a
 * submission goes through the submissions' transitions.
 */
@Module({
  imports: [AuditModule, MailModule, ComputationModule, CampaignsModule],
  controllers: [AtypiaReviewController, FiabilisationController],
  providers: [
    AtypiaReviewRepository,
    FiabilisationRepository,
    AtypiaReviewService,
    AtypiaTargets,
    AtypiaTableService,
    AtypiaDecisionsService,
    FiabilisationService,
    FiabilisationPrioritiesService,
  ],
})
export class AtypiaModule {}
