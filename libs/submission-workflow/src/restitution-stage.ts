/**
 * What a restitution may show on a given day (issue 14 §3, ADR 0013). Before the restitution phase
 * the figures are provisional: values are still entered, checked and corrected (fiabilisation).
 * A structure (its users, its OG) then sees its own figures only, marked provisional, with no peer
 * distribution, decile or position; the authorities (ARS, CD) and the national administration see
 * the provisional distributions of their scope, for their checks. From the first day of the
 * restitution (or once the campaign is closed), everybody sees everything.
 *
 * Pure: the caller passes the campaign's phase (`phaseOn`, a draft campaign being in preparation)
 * and today.
 */
import type { RestitutionStage } from '@tdb/contracts';
import { type CampaignPhase, formatDateFr } from './dates';

/** Who reads a restitution: a structure's side (ESMS, OG) or an authority (ARS, CD, national). */
export type RestitutionReader = 'STRUCTURE' | 'AUTHORITY';

/**
 * Whether the restitution is open on `today`: from the campaign's first day of restitution (the
 * days between the end of the fiabilisation and that day do not count), or once it is closed.
 */
export function restitutionOpen(phase: CampaignPhase, restitutionStart: string, today: string): boolean {
  return phase === 'CLOSED' || (phase === 'RESTITUTION' && today >= restitutionStart);
}

/** « Les comparaisons … seront disponibles à partir du 1er septembre 2026, après la fiabilisation. » */
export function peersUnavailableReason(restitutionStart: string): string {
  return `Les comparaisons avec les structures similaires seront disponibles à partir du ${formatDateFr(restitutionStart)}, après la fiabilisation.`;
}

/** What `reader` sees of a campaign in `phase` on `today` (see the module's comment). */
export function restitutionStage(
  phase: CampaignPhase,
  restitutionStart: string,
  today: string,
  reader: RestitutionReader,
): RestitutionStage {
  if (restitutionOpen(phase, restitutionStart, today)) {
    return {
      provisional: false,
      notice: null,
      peers: { available: true, reason: null, availableFrom: restitutionStart },
    };
  }
  const from = formatDateFr(restitutionStart);
  if (reader === 'AUTHORITY') {
    return {
      provisional: true,
      notice:
        `Chiffres provisoires, pour les contrôles de fiabilisation : les valeurs et les distributions peuvent encore changer. ` +
        `Les structures verront leurs comparaisons à partir du ${from}.`,
      peers: { available: true, reason: null, availableFrom: restitutionStart },
    };
  }
  return {
    provisional: true,
    notice: `Valeurs provisoires : elles peuvent encore changer jusqu’à la fin de la fiabilisation (restitution à partir du ${from}).`,
    peers: {
      available: false,
      reason: peersUnavailableReason(restitutionStart),
      availableFrom: restitutionStart,
    },
  };
}
