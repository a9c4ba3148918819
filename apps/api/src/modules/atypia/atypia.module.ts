import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { MailModule } from '../mail/mail.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { AtypiaReviewController } from './atypia-review.controller';
import { AtypiaReviewService } from './atypia-review.service';
import { AtypiaEngineModule } from './atypia-engine.module';
import { FiabilisationController } from './fiabilisation.controller';
import { FiabilisationService } from './fiabilisation.service';

/** The review of atypia by ARS and CD: the table, the threads, decisions, and who checks what. */
@Module({
  imports: [AuditModule, MailModule, CampaignsModule, IndicatorsModule, AtypiaEngineModule],
  controllers: [AtypiaReviewController, FiabilisationController],
  providers: [AtypiaReviewService, FiabilisationService],
})
export class AtypiaModule {}
