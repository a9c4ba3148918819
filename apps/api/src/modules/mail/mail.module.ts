import { Module } from '@nestjs/common';
import { EmailsController } from './emails.controller';
import { MailService } from './mail.service';

/** The outbox: every email written in the sender's transaction, delivered by SMTP when configured. */
@Module({
  controllers: [EmailsController],
  providers: [MailService],
  exports: [MailService],
})
export class MailModule {}
