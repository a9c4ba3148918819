import { Inject, Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { hashSecret, newSecret } from '../../common/auth/token-hash';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { MailService } from '../mail/mail.service';
import type { AccountEntity } from './account.entity';
import { OneTimeTokenEntity, type OneTimeTokenPurpose } from './one-time-token.entity';

const RESET_TOKEN_MINUTES = 60;

/**
 * Single-use links (invitations, password resets): created here, for accounts (invitations) and for
 * authentication (resets); used up by authentication.
 */
@Injectable()
export class OneTimeTokensService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
  ) {}

  /** Creates a single-use token and returns the secret to put in the emailed link. */
  async create(manager: EntityManager, accountId: string, purpose: OneTimeTokenPurpose): Promise<string> {
    const secret = newSecret();
    const minutes =
      purpose === 'INVITATION' ? this.config.auth.invitationDays * 24 * 60 : RESET_TOKEN_MINUTES;
    // A new link replaces the previous ones of the same purpose.
    await manager
      .getRepository(OneTimeTokenEntity)
      .update({ accountId, purpose, usedAt: IsNull() }, { usedAt: new Date() });
    await manager.getRepository(OneTimeTokenEntity).insert({
      accountId,
      purpose,
      tokenHash: hashSecret(secret),
      expiresAt: new Date(Date.now() + minutes * 60_000),
      usedAt: null,
    });
    return secret;
  }

  /** A fresh invitation link for an invited account, emailed through the outbox; returns the email id. */
  async enqueueInvitation(
    manager: EntityManager,
    account: Pick<AccountEntity, 'id' | 'email' | 'firstName' | 'lastName'>,
  ): Promise<string> {
    const secret = await this.create(manager, account.id, 'INVITATION');
    return this.mail.enqueue(
      manager,
      invitationEmail(
        account,
        this.mail.link(`/invitation?jeton=${secret}`),
        this.config.auth.invitationDays,
      ),
    );
  }
}

export function invitationEmail(
  account: Pick<AccountEntity, 'email' | 'firstName' | 'lastName'>,
  link: string,
  days: number,
): { to: string; subject: string; text: string } {
  return {
    to: account.email,
    subject: 'TDB — votre compte sur le tableau de bord de la performance',
    text: [
      `Bonjour ${account.firstName} ${account.lastName},`,
      '',
      'Un compte vous a été ouvert sur le tableau de bord de la performance dans le secteur médico-social (TDB).',
      `Pour l’activer, choisissez votre mot de passe en ouvrant ce lien dans les ${days} jours : ${link}`,
      '',
      `Votre identifiant est votre adresse électronique : ${account.email}`,
    ].join('\n'),
  };
}
