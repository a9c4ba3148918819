/** Shapes of the indicators API, shared by the API and the SPA. */
import type { QualitativeAxisSheet } from './practices';

export type IndicatorAxisCode = 'PRESTATIONS' | 'RESSOURCES' | 'FINANCES' | 'OBJECTIFS';

export interface IndicatorShareDto {
  key: string;
  label: string;
  value: number;
  share: number;
}

/** An indicator of one structure for one campaign: a value, shares, or why it is not computable. */
export interface IndicatorValueDto {
  code: string;
  label: string;
  axis: IndicatorAxisCode;
  unit: string;
  kind: 'ratio' | 'value' | 'distribution';
  computable: boolean;
  value: number | null;
  parts: IndicatorShareDto[] | null;
  reasonCode: string | null;
  reason: string | null;
  provisional: boolean;
  /** Same indicator, last campaign (null when none or not computable). */
  previousValue: number | null;
  dictionaryVersion: string;
}

/** An indicator sheet ("fiche indicateur"), readable without an account. */
export interface IndicatorSheet {
  code: string;
  label: string;
  axis: IndicatorAxisCode;
  axisLabel: string;
  kind: 'ratio' | 'value' | 'distribution';
  meaning: string;
  unit: string;
  /** The formula with the dictionary's item labels. */
  formulaInWords: string;
  direction: 'higher_is_better' | 'lower_is_better' | 'neutral';
  directionLabel: string;
  categories: 'ALL' | string[];
  status: 'verified' | 'provisional';
  provisionalNotice: string | null;
  source: string;
  notes: string[];
}

/** An indicator whose formulas read a data item: the item's help links to its sheet. */
export interface ItemIndicatorUse {
  code: string;
  label: string;
  /** Where the indicator is computed ('ALL' or TDB category codes). */
  categories: 'ALL' | string[];
}

export interface IndicatorGuide {
  campaignYear: number;
  dictionaryVersion: string;
  sheets: IndicatorSheet[];
  /** The axes with no single ratio (O04–O06): the practices they are read through. */
  qualitativeAxes: QualitativeAxisSheet[];
}

export interface CampaignJobDto {
  id: string;
  campaignYear: number;
  kind: 'RECOMPUTE_INDICATORS' | 'RECOMPUTE_ATYPIA';
  status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  total: number;
  done: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
