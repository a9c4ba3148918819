/** Open data (issue 7 §4) and the regional export (issue 7 §5). */

/** Smallest number of structures for which a group's figures are published (statistical secrecy). */
export const OPEN_DATA_MINIMUM_GROUP = 5;

/**
 * One published group: one indicator over the VALIDATED or CONFIRMED structures of one category in
 * one département that have a computable value. A group of fewer than OPEN_DATA_MINIMUM_GROUP
 * structures is kept with `suppressed: true` and every figure (count included) null.
 */
export interface OpenDataIndicatorRow {
  categoryCode: string;
  categoryLabel: string;
  departmentCode: string;
  departmentName: string;
  indicatorCode: string;
  indicatorLabel: string;
  unit: string;
  suppressed: boolean;
  /** Number of structures with a computable value (null when suppressed). */
  count: number | null;
  /**
   * Continuous percentiles (PostgreSQL percentile_cont), rounded for the unit (% to 1 decimal,
   * € to the euro, days and scores to 1 decimal, counts and ratios to 2; null when suppressed).
   */
  q1: number | null;
  median: number | null;
  q3: number | null;
}

export interface OpenDataIndicators {
  campaignYear: number;
  minimumGroupSize: number;
  rows: OpenDataIndicatorRow[];
}
