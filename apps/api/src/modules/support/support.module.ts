import { Module } from '@nestjs/common';
import { CampaignCoreModule } from '../campaign-core/campaign-core.module';
import { ComputationModule } from '../computation/computation.module';
import { MailModule } from '../mail/mail.module';
import { FaqController } from './faq.controller';
import { FaqRepository } from './faq.repository';
import { FaqService } from './faq.service';
import { SupportController } from './support.controller';
import { SupportRepository } from './support.repository';
import { SupportThreadService } from './support-thread.service';
import { SupportService } from './support.service';

/**
 * Regional support (issue 17 §2): the structures' questions to the referents of their ARS and
 * Département, the threads, the queue and its follow-up, and the FAQ made of anonymised answers.
 */
@Module({
  imports: [CampaignCoreModule, ComputationModule, MailModule],
  controllers: [SupportController, FaqController],
  providers: [SupportRepository, FaqRepository, SupportService, SupportThreadService, FaqService],
})
export class SupportModule {}
