/**
 * Campaign calendar: ISO dates (YYYY-MM-DD, compared as strings), the phase of a given day and
 * French date formatting for refusal messages. No clock: "today" is always an argument.
 */

export type CampaignPhase = 'PREPARATION' | 'COLLECTION' | 'FIABILISATION' | 'RESTITUTION' | 'CLOSED';

export const CAMPAIGN_PHASES: readonly CampaignPhase[] = [
  'PREPARATION',
  'COLLECTION',
  'FIABILISATION',
  'RESTITUTION',
  'CLOSED',
];

/** The phase dates of a campaign (ISO dates; every end is inclusive). */
export interface CampaignDates {
  readonly launch: string;
  readonly accountsSetup: string;
  readonly collectionStart: string;
  readonly collectionEnd: string;
  readonly fiabilisationStart: string;
  readonly fiabilisationEnd: string;
  readonly restitutionStart: string;
  /** Set when the national administrator closes the campaign (closed from that day on). */
  readonly closedOn?: string | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/**
 * French long date: '2026-05-31' → '31 mai 2026', '2026-06-01' → '1er juin 2026'.
 * Never throws: anything that is not an ISO date is returned as is.
 */
export function formatDateFr(iso: string): string {
  if (!isIsoDate(iso)) return String(iso);
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const day = Number(m[3]);
  const month = MONTHS_FR[Number(m[2]) - 1] ?? '';
  return `${day === 1 ? '1er' : String(day)} ${month} ${m[1]}`;
}

/**
 * The phase of the campaign on `today`, as an ordered rule list:
 * 1. `closedOn` set and today ≥ closedOn → CLOSED;
 * 2. today < collectionStart → PREPARATION (launch and account set-up);
 * 3. today ≤ collectionEnd → COLLECTION;
 * 4. today ≤ fiabilisationEnd → FIABILISATION (a gap between collectionEnd and
 *    fiabilisationStart counts as fiabilisation: the collection is closed, authorities check);
 * 5. otherwise → RESTITUTION (until the national administrator closes the campaign).
 *
 * @throws RangeError when `today` or a required date is not an ISO date (YYYY-MM-DD).
 */
export function phaseOn(dates: CampaignDates, today: string): CampaignPhase {
  if (!isIsoDate(today)) throw new RangeError(`date invalide : ${String(today)}`);
  for (const key of ['collectionStart', 'collectionEnd', 'fiabilisationEnd'] as const) {
    if (!isIsoDate(dates[key]))
      throw new RangeError(`date de campagne invalide (${key}) : ${String(dates[key])}`);
  }
  if (dates.closedOn != null) {
    if (!isIsoDate(dates.closedOn))
      throw new RangeError(`date de clôture invalide : ${String(dates.closedOn)}`);
    if (today >= dates.closedOn) return 'CLOSED';
  }
  if (today < dates.collectionStart) return 'PREPARATION';
  if (today <= dates.collectionEnd) return 'COLLECTION';
  if (today <= dates.fiabilisationEnd) return 'FIABILISATION';
  return 'RESTITUTION';
}
