/**
 * Extensions ("délais") of the entry for late structures (issue 14 §1, ADR 0011): the authority
 * competent for a structure (the ARS, the Département, either for a shared competence; the national
 * administrator for all) gives it a new last day of entry, with a reason. Pure: no clock.
 */
import type { Competence } from '@tdb/reference';
import { CampaignDates, CampaignPhase, formatDateFr, isIsoDate } from './dates';
import type { SubmissionStatus, WorkflowRole } from './workflow';

export interface ExtensionRequest {
  readonly role: WorkflowRole;
  readonly competence: Competence;
  readonly phase: CampaignPhase;
  readonly today: string;
  readonly dates: CampaignDates;
  readonly status: SubmissionStatus;
  /** The new last day of entry (inclusive); omitted, only whether one may be granted now. */
  readonly until?: string;
}

/** Why an extension is refused: who asks (403), the calendar or the status (409), the date (400). */
export interface ExtensionRefusal {
  readonly code: 'ROLE' | 'CALENDAR' | 'DATE';
  readonly reason: string;
}

/** Why this role may not grant or withdraw an extension for a structure of this competence. */
export function extensionRoleRefusal(role: WorkflowRole, competence: Competence): string | null {
  if (role === 'NATIONAL_ADMIN') return null;
  if (role === 'ARS_CONTROLLER')
    return competence === 'CD'
      ? "l'ARS n'est pas compétente : la structure relève du seul Département"
      : null;
  if (role === 'CD_CONTROLLER')
    return competence === 'ARS'
      ? "le Département n'est pas compétent : la structure relève de la seule ARS"
      : null;
  return "seule l'autorité compétente (ARS ou Département) ou l'administrateur national accorde un délai";
}

/** Why the calendar forbids any extension now (none before the collection or after the fiabilisation). */
export function extensionPhaseRefusal(phase: CampaignPhase, dates: CampaignDates): string | null {
  const d = (value: string | null | undefined) => formatDateFr(String(value ?? ''));
  switch (phase) {
    case 'PREPARATION':
      return `la collecte n'ouvre que le ${d(dates.collectionStart)}`;
    case 'CLOSED':
      return dates.closedOn
        ? `la campagne est close depuis le ${d(dates.closedOn)}`
        : 'la campagne est close';
    case 'RESTITUTION':
      return `la fiabilisation est close depuis le ${d(dates.fiabilisationEnd)} : plus aucun délai ne peut être accordé`;
    default:
      return null;
  }
}

/** Why this extension may not be granted (null: it may). Checks role, phase, status, then the date. */
export function extensionRefusal(request: ExtensionRequest): ExtensionRefusal | null {
  const { role, competence, phase, today, dates, status, until } = request;
  const d = (value: string | null | undefined) => formatDateFr(String(value ?? ''));
  const roleRefusal = extensionRoleRefusal(role, competence);
  if (roleRefusal) return { code: 'ROLE', reason: roleRefusal };
  const phaseRefusal = extensionPhaseRefusal(phase, dates);
  if (phaseRefusal) return { code: 'CALENDAR', reason: phaseRefusal };
  if (status === 'VALIDATED' || status === 'CONFIRMED')
    return { code: 'CALENDAR', reason: 'la saisie est déjà validée : aucun délai n’est nécessaire' };
  if (until === undefined) return null;
  const date = (reason: string): ExtensionRefusal => ({ code: 'DATE', reason });
  if (!isIsoDate(until)) return date(`« ${String(until)} » n'est pas une date (AAAA-MM-JJ)`);
  if (until <= dates.collectionEnd)
    return date(`le délai doit aller au-delà de la fin de la collecte (${d(dates.collectionEnd)})`);
  if (until < today) return date(`le ${d(until)} est déjà passé`);
  if (until > dates.fiabilisationEnd)
    return date(
      `le délai ne peut dépasser la fin de la fiabilisation (${d(dates.fiabilisationEnd)}), pour que l'autorité puisse encore contrôler les données`,
    );
  return null;
}
