/**
 * The model of "Mes étapes": the guide's data (steps per role and phase) and the person's counters
 * it is read with. Plain types only; the data is in guide-data.ts, the reading in guide.ts.
 */
import type { GuidePage, GuideRole, UserRight } from '@tdb/contracts';
import type { CampaignDates, CampaignPhase } from '../dates';

/** What the API counts in the person's scope for the campaign (see GET /campaigns/{year}/my-steps). */
export const GUIDE_COUNTERS = [
  /** In-scope submissions. */
  'submissions',
  /** Of them, validated or confirmed. */
  'validated',
  'confirmed',
  'invalidated',
  /** Validated, waiting for the person's authority to confirm or invalidate. */
  'awaitingDecision',
  /** Shared competence, validated or confirmed, not yet marked consulted by the Département. */
  'sharedToConsult',
  /** Atypia flags by status: OPEN (to look at), JUSTIFIED (the structure answered). */
  'openFlags',
  'justifiedFlags',
  /** Flags the structure has to answer or correct (OPEN or TO_CORRECT). */
  'flagsToAnswer',
  /** In-scope structures with no APE in force, on themselves or on their OG. */
  'structuresWithoutApe',
  /** The person's ARS / Départements with no TDB referent, with no launch email sent. */
  'authoritiesWithoutReferent',
  'authoritiesWithoutLaunch',
  /** Accounts with a USER right on the person's structures or OG. */
  'users',
  /** 1 while the campaign is a draft (not open to structures), else 0. */
  'campaignNotOpen',
] as const;

export type GuideCounter = (typeof GUIDE_COUNTERS)[number];
export type GuideCounters = Readonly<Record<GuideCounter, number>>;

/** A sentence with `{n}` (remaining, count) or `{done}` / `{total}` (progress). */
export interface CountedWords {
  /** When the count is 0 (or the total is 0). */
  readonly none: string;
  readonly one: string;
  readonly many: string;
}

/** How a step measures itself against the counters. */
export type StepMeasure =
  /** Done when `done` reaches `total` (a total of 0: nothing to do, `none`); singular or plural by `done`. */
  | {
      readonly kind: 'progress';
      readonly done: GuideCounter;
      readonly total: GuideCounter;
      readonly words: CountedWords;
    }
  /** Done when the counter is 0. */
  | { readonly kind: 'remaining'; readonly counter: GuideCounter; readonly words: CountedWords }
  /** Something to know, never done nor late (people named, for instance). */
  | { readonly kind: 'count'; readonly counter: GuideCounter; readonly words: CountedWords };

export interface GuideStepData {
  readonly id: string;
  readonly roles: readonly GuideRole[];
  readonly phases: readonly CampaignPhase[];
  /** Only for profiles of these authorities (the Département's "consultée"). */
  readonly authorityKinds?: readonly ('ARS' | 'CD')[];
  /** Only for profiles holding one of these rights (APE holds all). */
  readonly rights?: readonly UserRight[];
  /** Not for profiles holding any of these rights. */
  readonly withoutRights?: readonly UserRight[];
  readonly title: string;
  /** May hold `{domains}`: the domains the person enters. */
  readonly text: string;
  /** The campaign date the step is due by (inclusive). */
  readonly deadline?: Exclude<keyof CampaignDates, 'closedOn'>;
  readonly measure?: StepMeasure;
  readonly link?: {
    readonly page: GuidePage;
    readonly label: string;
    readonly query?: Readonly<Record<string, string>>;
  };
}

export interface GuideData {
  /** Bumped on every change of the steps (returned with them). */
  readonly version: string;
  readonly steps: readonly GuideStepData[];
}

/** One profile of the person, as the guide reads it. */
export interface GuideAudience {
  readonly role: GuideRole;
  readonly authorityKind: 'ARS' | 'CD' | null;
  /** USER: its rights; APE: every right; authorities and national: none. */
  readonly rights: readonly UserRight[];
}
