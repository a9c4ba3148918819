import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { structureCoverage } from '@tdb/access';
import type { SupportThread } from '@tdb/contracts';
import { AccessService, parisToday } from '../../common/auth/access.service';
import { actorRef } from '../../common/auth/actor-ref';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { structureFactsOf } from '../../common/auth/structure-facts';
import { DomainError } from '../../common/errors/domain-error';
import { authorityName } from '../campaigns/authority-name';
import { MailService } from '../mail/mail.service';
import type { SupportAssignmentBody, SupportMessageBody, SupportStatusBody } from './dto/support.dto';
import { SUPPORT_EMAILS } from './support-notifications';
import { isNational, staffAuthoritiesFor, staleQuestion } from './support-rules';
import { SupportRepository } from './support.repository';
import { SupportService, supportPaths } from './support.service';

/** The life of a question: messages of both sides, assignment, closing and reopening. */
@Injectable()
export class SupportThreadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly support: SupportService,
    private readonly questions: SupportRepository,
    private readonly mail: MailService,
  ) {}

  /**
   * A referent's answer (the question becomes « answered », the asker gets an email) or the
   * structure's follow-up (the question waits for an answer again, reopened if it was closed).
   */
  async post(
    actor: AuthenticatedActor,
    year: number,
    id: string,
    body: SupportMessageBody,
  ): Promise<SupportThread> {
    const emails: string[] = [];
    const thread = await this.dataSource.transaction(async (manager) => {
      const row = await this.support.row(manager, year, id, true);
      const facts = structureFactsOf(row);
      this.access.check(actor, { type: 'support.read', structure: facts });
      const answering = this.access.decision(actor, { type: 'support.answer', structure: facts }).allowed;
      const asking =
        !answering && this.access.decision(actor, { type: 'support.ask', structure: facts }).allowed;
      if (!answering && !asking) {
        throw new DomainError('FORBIDDEN', 'Votre profil permet de lire cette question, pas d’y écrire.');
      }
      if (body.version !== undefined && body.version !== row.version)
        throw staleQuestion(body.version, row.version);
      if (answering && row.status === 'CLOSED') {
        throw new DomainError('CONFLICT', 'Cette question est close : rouvrez-la pour y répondre.');
      }
      const by = await actorRef(manager, actor);
      await this.questions.addMessage(manager, id, {
        side: answering ? 'AUTHORITY' : 'STRUCTURE',
        authorId: by.id,
        authorName: by.name,
        body: body.body,
      });
      await this.questions.update(
        manager,
        id,
        answering ? { status: 'ANSWERED', answered: true } : { status: 'NEW' },
      );
      if (answering && row.asked_by_email && row.asked_by !== actor.accountId) {
        const own = staffAuthoritiesFor(actor, facts)[0];
        emails.push(
          await this.mail.enqueue(
            manager,
            SUPPORT_EMAILS.answered(
              row.asked_by_email,
              {
                year,
                subject: row.subject,
                authority: own ? authorityName(own.kind, own.code) : 'L’administration nationale',
              },
              this.mail.link(supportPaths.question(year, id)),
            ),
          ),
        );
      }
      // The structure's follow-up goes to the referent the question is assigned to.
      if (asking && row.assigned_to_email && row.assigned_to !== actor.accountId) {
        emails.push(
          await this.mail.enqueue(
            manager,
            SUPPORT_EMAILS.followUp(
              row.assigned_to_email,
              { year, structureName: row.structure_name, subject: row.subject, body: body.body },
              this.mail.link(supportPaths.question(year, id)),
            ),
          ),
        );
      }
      return this.support.describe(manager, actor, await this.support.row(manager, year, id));
    });
    await this.mail.deliver(emails);
    return thread;
  }

  /** Gives the question to a colleague (APR / CONTROLLER of the same, competent, authority) or to nobody. */
  async assign(
    actor: AuthenticatedActor,
    year: number,
    id: string,
    body: SupportAssignmentBody,
  ): Promise<SupportThread> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.support.row(manager, year, id, true);
      const facts = structureFactsOf(row);
      this.access.check(actor, { type: 'support.answer', structure: facts });
      if (body.version !== row.version) throw staleQuestion(body.version, row.version);
      if (body.assigneeId !== null) {
        const mine = isNational(actor) ? null : staffAuthoritiesFor(actor, facts);
        const grants = await this.questions.staffGrants(manager, body.assigneeId, parisToday());
        const fits = grants.some(
          (g) =>
            structureCoverage({ kind: g.organisation_kind, code: g.organisation_code }, facts) ===
              'covered' &&
            (!mine || mine.some((a) => a.kind === g.organisation_kind && a.code === g.organisation_code)),
        );
        if (!fits) {
          throw new DomainError(
            'VALIDATION_FAILED',
            'La personne choisie n’est pas APR ou contrôleur de votre ARS ou Département pour cette structure.',
            [{ field: 'assigneeId', message: 'Collègue introuvable dans votre autorité.' }],
          );
        }
      }
      await this.questions.update(manager, id, { assignedTo: body.assigneeId });
      return this.support.describe(manager, actor, await this.support.row(manager, year, id));
    });
  }

  /** Closes a question, or reopens it (« answered » again if it was, « new » otherwise). */
  async setStatus(
    actor: AuthenticatedActor,
    year: number,
    id: string,
    body: SupportStatusBody,
  ): Promise<SupportThread> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.support.row(manager, year, id, true);
      this.access.check(actor, { type: 'support.answer', structure: structureFactsOf(row) });
      if (body.version !== row.version) throw staleQuestion(body.version, row.version);
      if (body.action === 'CLOSE' && row.status === 'CLOSED') {
        throw new DomainError('CONFLICT', 'Cette question est déjà close.');
      }
      if (body.action === 'REOPEN' && row.status !== 'CLOSED') {
        throw new DomainError('CONFLICT', 'Cette question n’est pas close.');
      }
      await this.questions.update(manager, id, {
        status: body.action === 'CLOSE' ? 'CLOSED' : row.first_answered_at ? 'ANSWERED' : 'NEW',
      });
      return this.support.describe(manager, actor, await this.support.row(manager, year, id));
    });
  }
}
