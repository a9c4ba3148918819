/** API paths that several features build on (relative to /api, as the api client takes them). */

/** `/campaigns/2025/submissions/450000019`: a structure's submission, the root of its sub-resources. */
export function submissionApiPath(year: number, finess: string): string {
  return `/campaigns/${year}/submissions/${encodeURIComponent(finess)}`;
}
