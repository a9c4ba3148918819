/** The qualitative axes (O04–O06): practices in place at a structure beside its peers' share. */
import type { DistributionLevel, RestitutionStage } from './restitution';

/** The share of one group of peers (same category) having a practice; no figure under 5 peers. */
export interface PracticePeerShareDto {
  level: DistributionLevel;
  territoryCode: string;
  suppressed: boolean;
  /** Peers that answered (null when suppressed). */
  n: number | null;
  /** Percentage of them having the practice, one decimal (null when suppressed). */
  share: number | null;
}

/**
 * How a practice is read from its item: yes/no (held when yes), a date (held when given), a choice
 * (held for some of its choices, e.g. a function covered by software) or an integer (held from a
 * threshold, e.g. at least one HR module).
 */
export type PracticeType = 'boolean' | 'date' | 'choice' | 'integer';

export interface PracticeRow {
  /** The dictionary item. */
  code: string;
  label: string;
  type: PracticeType;
  /** True (yes, a date, a held choice, enough), false (not), null (not entered). */
  held: boolean | null;
  /** The date entered (ISO) for a dated practice. */
  date: string | null;
  /**
   * What was entered: « Oui », « Non », « 12/03/2024 », the choice's label (« Tableur /
   * bureautique »), « 5 modules sur 9 », or « Non renseigné ».
   */
  answer: string;
  /** National, regional, departmental shares; null when peers are not shown (ADR 0013). */
  peers: PracticePeerShareDto[] | null;
}

export interface QualitativeAxisRestitution {
  code: string;
  label: string;
  meaning: string;
  practices: PracticeRow[];
}

export interface StructurePractices {
  campaignYear: number;
  finess: string;
  categoryCode: string;
  regionCode: string | null;
  departmentCode: string | null;
  stage: RestitutionStage;
  axes: QualitativeAxisRestitution[];
}

/** The guide's sheet of a qualitative axis: what it is, and its practices. */
export interface QualitativeAxisSheet {
  code: string;
  label: string;
  meaning: string;
  /** `rule`: how the practice is read, in French (« oui / non », the choices held…). */
  practices: { code: string; label: string; type: PracticeType; rule: string }[];
}
