/**
 * "Mes étapes": the steps of the guide (guide-data.ts) for one profile in one phase, measured
 * against the person's counters. Pure: the phase, the dates, "today" and the counters are given.
 */
import type { GuideRole, GuideStepDto, GuideStepState, Role, UserRight } from '@tdb/contracts';
import type { CampaignDates, CampaignPhase } from '../dates';
import { GUIDE } from './guide-data';
import type {
  CountedWords,
  GuideAudience,
  GuideCounters,
  GuideData,
  GuideStepData,
  StepMeasure,
} from './guide-model';

const ALL_RIGHTS: readonly UserRight[] = ['ENTRY', 'VALIDATION', 'READ'];

/** A profile (grant) as the guide needs it. */
export interface GuideGrant {
  readonly organisation: { readonly kind: string };
  readonly role: Role;
  readonly rights: readonly UserRight[];
}

/**
 * The guide's audiences of a person from its grants (in force): one per role and authority kind,
 * rights merged (a USER of two structures is one audience). Order: national, authorities, structures.
 */
export function guideAudiencesOf(grants: readonly GuideGrant[]): GuideAudience[] {
  const byKey = new Map<
    string,
    { role: GuideRole; authorityKind: 'ARS' | 'CD' | null; rights: Set<UserRight> }
  >();
  for (const grant of grants) {
    const kind = grant.organisation.kind;
    const authorityKind = kind === 'ARS' || kind === 'CD' ? kind : null;
    const role: GuideRole = grant.role;
    const rights = grant.role === 'APE' ? ALL_RIGHTS : grant.role === 'USER' ? grant.rights : [];
    const key = `${role}:${authorityKind ?? ''}`;
    const audience = byKey.get(key) ?? { role, authorityKind, rights: new Set<UserRight>() };
    for (const right of rights) audience.rights.add(right);
    byKey.set(key, audience);
  }
  const order: GuideRole[] = ['NATIONAL_ADMIN', 'APR', 'CONTROLLER', 'READER', 'APE', 'USER'];
  return [...byKey.values()]
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))
    .map((a) => ({
      role: a.role,
      authorityKind: a.authorityKind,
      rights: ALL_RIGHTS.filter((r) => a.rights.has(r)),
    }));
}

/** Whether a step of the guide is written for this audience in this phase. */
export function stepApplies(step: GuideStepData, audience: GuideAudience, phase: CampaignPhase): boolean {
  if (!step.phases.includes(phase) || !step.roles.includes(audience.role)) return false;
  if (
    step.authorityKinds &&
    (audience.authorityKind === null || !step.authorityKinds.includes(audience.authorityKind))
  )
    return false;
  if (step.rights && !step.rights.some((r) => audience.rights.includes(r))) return false;
  if (step.withoutRights?.some((r) => audience.rights.includes(r))) return false;
  return true;
}

/** `none` when `n` is 0, else the French singular (0, 1) or plural of `count`. */
function words(w: CountedWords, n: number, fill: Record<string, number>, count = n): string {
  const template = n === 0 ? w.none : count <= 1 ? w.one : w.many;
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(fill[key] ?? ''));
}

function measured(
  measure: StepMeasure | undefined,
  counters: GuideCounters,
): { left: boolean | null; progress: string | null } {
  if (!measure) return { left: null, progress: null };
  switch (measure.kind) {
    case 'progress': {
      const done = counters[measure.done];
      const total = counters[measure.total];
      return { left: done < total, progress: words(measure.words, total, { done, total }, done) };
    }
    case 'remaining': {
      const n = counters[measure.counter];
      return { left: n > 0, progress: words(measure.words, n, { n }) };
    }
    case 'count': {
      const n = counters[measure.counter];
      return { left: null, progress: words(measure.words, n, { n }) };
    }
  }
}

export interface StepsRequest {
  audience: GuideAudience;
  phase: CampaignPhase;
  dates: CampaignDates;
  /** YYYY-MM-DD: a step with something left after its deadline is LATE. */
  today: string;
  counters: GuideCounters;
  /** Filled into `{domains}`: « tous les domaines », « Ressources humaines, Finances ». */
  domains?: string;
  data?: GuideData;
}

/**
 * The steps of the audience in the phase, in the guide's order: DONE when the measure leaves
 * nothing, TODO (LATE once the deadline is past) when it leaves something, ONGOING when the step
 * measures nothing (or only counts).
 */
export function stepsFor(request: StepsRequest): GuideStepDto[] {
  const { audience, phase, dates, today, counters } = request;
  const data = request.data ?? GUIDE;
  return data.steps
    .filter((step) => stepApplies(step, audience, phase))
    .map((step) => {
      const deadline = step.deadline ? dates[step.deadline] : null;
      const { left, progress } = measured(step.measure, counters);
      const state: GuideStepState =
        left === null ? 'ONGOING' : !left ? 'DONE' : deadline !== null && today > deadline ? 'LATE' : 'TODO';
      return {
        id: step.id,
        title: step.title,
        text: step.text.replace('{domains}', request.domains ?? 'tous les domaines'),
        deadline,
        state,
        progress,
        link: step.link
          ? { page: step.link.page, label: step.link.label, query: { ...step.link.query } }
          : null,
      };
    });
}

export const GUIDE_VERSION = GUIDE.version;
