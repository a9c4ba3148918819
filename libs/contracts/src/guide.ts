/** Shapes of "Mes étapes": what a person has to do in the current phase of a campaign (issue 15 §4). */
import type { CampaignPhaseCode } from './campaigns';

/** The pages a step links to; the SPA turns each into a path (lib/paths.ts). */
export type GuidePage =
  | 'campaigns'
  | 'followUp'
  | 'scope'
  | 'communication'
  | 'referents'
  | 'users'
  | 'submissions'
  | 'atypia'
  | 'entry'
  | 'restitution'
  | 'territoryRestitution';

/** DONE: nothing left; TODO: something left before the deadline; LATE: left after it; ONGOING: to follow. */
export type GuideStepState = 'DONE' | 'TODO' | 'LATE' | 'ONGOING';

/** Who the steps are written for (one block per kind of profile the person holds). */
export type GuideRole = 'NATIONAL_ADMIN' | 'APR' | 'CONTROLLER' | 'READER' | 'APE' | 'USER';

export interface GuideLinkDto {
  page: GuidePage;
  label: string;
  /** Query parameters of the page (filters of a table…). */
  query: Record<string, string>;
}

export interface GuideStepDto {
  id: string;
  title: string;
  text: string;
  /** Last day of the step (ISO, inclusive), or null when the step has none. */
  deadline: string | null;
  state: GuideStepState;
  /** « 3 structures sur 12 ont validé », from the person's counters; null when the step counts nothing. */
  progress: string | null;
  link: GuideLinkDto | null;
}

export interface GuideBlockDto {
  role: GuideRole;
  /** « Administrateur principal (APR) – ARS Centre-Val de Loire ». */
  label: string;
  steps: GuideStepDto[];
}

/** `GET /api/campaigns/{year}/my-steps`. */
export interface MyStepsDto {
  campaignYear: number;
  phase: CampaignPhaseCode;
  phaseLabel: string;
  /** Version of the guide's data the steps come from. */
  guideVersion: string;
  blocks: GuideBlockDto[];
  /** When the person's scope holds one structure (or one OG), the page links open it directly. */
  onlyFiness: string | null;
  onlyOgFiness: string | null;
}
