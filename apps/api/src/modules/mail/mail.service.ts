import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource, type EntityManager } from 'typeorm';
import type { SentEmail } from '@tdb/contracts';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { OutboxEmailEntity } from './outbox-email.entity';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Every email is written to the outbox in the caller's transaction (so an email exists only if the
 * action committed), then delivered by SMTP when one is configured; otherwise it stays "stored" and
 * the national administrator reads it in the SPA.
 */
@Injectable()
export class MailService {
  private readonly logger = new Logger(MailService.name);
  private readonly transporter: Transporter | null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.transporter = config.mail.smtpUrl ? nodemailer.createTransport(config.mail.smtpUrl) : null;
  }

  /** Writes the email to the outbox; call `deliver` with the returned ids after the commit. */
  async enqueue(manager: EntityManager, message: EmailMessage): Promise<string> {
    const saved = await manager.getRepository(OutboxEmailEntity).save({
      recipient: message.to,
      subject: message.subject,
      bodyText: message.text,
      status: 'stored',
      error: null,
      sentAt: null,
    });
    return saved.id;
  }

  /** Sends stored emails through SMTP (no-op without SMTP). Failures are recorded, never thrown. */
  async deliver(ids: string[]): Promise<void> {
    if (!this.transporter || ids.length === 0) return;
    const repository = this.dataSource.getRepository(OutboxEmailEntity);
    for (const id of ids) {
      const email = await repository.findOneBy({ id });
      if (!email || email.status !== 'stored') continue;
      try {
        await this.transporter.sendMail({
          from: this.config.mail.from,
          to: email.recipient,
          subject: email.subject,
          text: email.bodyText,
        });
        await repository.update(id, { status: 'sent', sentAt: new Date() });
      } catch (error) {
        this.logger.error(`Email ${id} to ${email.recipient} failed: ${(error as Error).message}`);
        await repository.update(id, { status: 'failed', error: (error as Error).message });
      }
    }
  }

  async list(limit = 200): Promise<SentEmail[]> {
    const emails = await this.dataSource
      .getRepository(OutboxEmailEntity)
      .find({ order: { createdAt: 'DESC' }, take: limit });
    return emails.map((e) => ({
      id: e.id,
      to: e.recipient,
      subject: e.subject,
      text: e.bodyText,
      createdAt: e.createdAt.toISOString(),
      status: e.status,
    }));
  }

  link(path: string): string {
    return `${this.config.mail.publicUrl}${path}`;
  }
}
