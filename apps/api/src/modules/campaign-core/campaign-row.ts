import type { CampaignDatesDto, CampaignSummary, RestitutionStage } from '@tdb/contracts';
import {
  PHASE_LABELS,
  phaseOn,
  restitutionStage,
  type CampaignDates,
  type RestitutionReader,
} from '@tdb/submission-workflow';

/** A `campaigns` row as read with CAMPAIGN_COLUMNS (dates as ISO text). */
export interface CampaignRow {
  year: number;
  dictionary_version: string;
  state: 'DRAFT' | 'OPEN' | 'CLOSED';
  launch_date: string;
  accounts_setup_date: string;
  collection_start: string;
  collection_end: string;
  fiabilisation_start: string;
  fiabilisation_end: string;
  restitution_start: string;
  closed_on: string | null;
  threshold: string;
  version: number;
}

/** The columns of a campaign's phases: its state and calendar. */
export type CampaignCalendarRow = Pick<
  CampaignRow,
  | 'state'
  | 'launch_date'
  | 'accounts_setup_date'
  | 'collection_start'
  | 'collection_end'
  | 'fiabilisation_start'
  | 'fiabilisation_end'
  | 'restitution_start'
  | 'closed_on'
>;

/** CampaignCalendarRow's columns of `campaigns` aliased `alias`, as text (for joined reads). */
export const campaignCalendarColumns = (alias: string) =>
  ['launch_date', 'accounts_setup_date', 'collection_start', 'collection_end', 'fiabilisation_start']
    .concat(['fiabilisation_end', 'restitution_start', 'closed_on'])
    .map((column) => `${alias}.${column}::text AS ${column}`)
    .concat(`${alias}.state`)
    .join(', ');

export const CAMPAIGN_COLUMNS = `year, dictionary_version, state, version, threshold::text AS threshold,
  launch_date::text AS launch_date, accounts_setup_date::text AS accounts_setup_date,
  collection_start::text AS collection_start, collection_end::text AS collection_end,
  fiabilisation_start::text AS fiabilisation_start, fiabilisation_end::text AS fiabilisation_end,
  restitution_start::text AS restitution_start, closed_on::text AS closed_on`;

/** The calendar of a campaign as the API answers it and the administrator edits it (no closing day). */
export function campaignDatesOf(row: CampaignCalendarRow): CampaignDatesDto {
  return {
    launch: row.launch_date,
    accountsSetup: row.accounts_setup_date,
    collectionStart: row.collection_start,
    collectionEnd: row.collection_end,
    fiabilisationStart: row.fiabilisation_start,
    fiabilisationEnd: row.fiabilisation_end,
    restitutionStart: row.restitution_start,
  };
}

/** The calendar with the closing day: what the phases are computed from. */
export function datesOf(row: CampaignCalendarRow): CampaignDates {
  return { ...campaignDatesOf(row), closedOn: row.closed_on };
}

/** A draft campaign is still being prepared whatever its dates: nobody enters data yet. */
export function phaseOfCampaign(row: CampaignCalendarRow, today: string) {
  return row.state === 'DRAFT' ? 'PREPARATION' : phaseOn(datesOf(row), today);
}

/**
 * What a restitution of the campaign shows `reader` on `today` (ADR 0013): provisional figures
 * before the first day of restitution, the peers then only for the authorities.
 */
export function restitutionStageOf(
  row: CampaignCalendarRow,
  today: string,
  reader: RestitutionReader,
): RestitutionStage {
  return restitutionStage(phaseOfCampaign(row, today), row.restitution_start, today, reader);
}

export function toCampaignSummary(row: CampaignRow, today: string): CampaignSummary {
  const phase = phaseOfCampaign(row, today);
  return {
    year: row.year,
    dataYear: row.year - 1,
    state: row.state,
    phase,
    phaseLabel: row.state === 'DRAFT' ? 'En préparation (non ouverte)' : PHASE_LABELS[phase],
    dates: campaignDatesOf(row),
    closedOn: row.closed_on,
    threshold: Number(row.threshold),
    dictionaryVersion: row.dictionary_version,
    version: row.version,
  };
}

/** The usual calendar of a campaign year (domain README §7), all editable afterwards. */
export function defaultDates(year: number): CampaignDatesDto {
  return {
    launch: `${year}-01-15`,
    accountsSetup: `${year}-03-01`,
    collectionStart: `${year}-04-15`,
    collectionEnd: `${year}-05-31`,
    fiabilisationStart: `${year}-06-01`,
    fiabilisationEnd: `${year}-08-31`,
    restitutionStart: `${year}-09-01`,
  };
}

/** French refusal when the dates are not in calendar order, or null. */
export function datesOrderProblem(d: CampaignDatesDto): string | null {
  const order: [keyof CampaignDatesDto, string][] = [
    ['launch', 'le lancement'],
    ['accountsSetup', 'la mise en place des comptes'],
    ['collectionStart', "l'ouverture de la collecte"],
    ['collectionEnd', 'la fin de la collecte'],
    ['fiabilisationStart', 'le début de la fiabilisation'],
    ['fiabilisationEnd', 'la fin de la fiabilisation'],
    ['restitutionStart', 'le début de la restitution'],
  ];
  for (let i = 1; i < order.length; i++) {
    const [prevKey, prevLabel] = order[i - 1] as [keyof CampaignDatesDto, string];
    const [key, label] = order[i] as [keyof CampaignDatesDto, string];
    const strict = key === 'fiabilisationStart' || key === 'restitutionStart';
    if (strict ? d[key] <= d[prevKey] : d[key] < d[prevKey]) {
      return `Les dates ne se suivent pas : ${label} doit venir ${strict ? 'après' : 'au plus tôt à la date de'} ${prevLabel}.`;
    }
  }
  return null;
}
