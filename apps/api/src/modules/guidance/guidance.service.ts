import { Injectable } from '@nestjs/common';
import type { FormDomain, GuideBlockDto, MyStepsDto } from '@tdb/contracts';
import {
  FORM_DOMAIN_LABELS,
  ROLE_LABELS,
  activeGrants,
  organisationLabel,
  scopeOfGrants,
  type ActorGrant,
} from '@tdb/access';
import {
  GUIDE_VERSION,
  PHASE_LABELS,
  guideAudiencesOf,
  stepsFor,
  type GuideAudience,
  type GuideCounters,
} from '@tdb/submission-workflow';
import { AccessService, parisToday } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { datesOf, phaseOfCampaign } from '../campaign-core/campaign-row';
import { CampaignRepository } from '../campaign-core/campaign.repository';
import { GuidanceRepository } from './guidance.repository';

/** The grants of `audience` among the actor's grants in force. */
function grantsOf(grants: readonly ActorGrant[], audience: GuideAudience): ActorGrant[] {
  return grants.filter(
    (g) =>
      g.role === audience.role &&
      (audience.authorityKind === null || g.organisation.kind === audience.authorityKind),
  );
}

/** « Administrateur principal (APR) – ARS Centre-Val de Loire », « Utilisateur ». */
function blockLabel(grants: readonly ActorGrant[]): string {
  const first = grants[0];
  if (!first) return '';
  const authorities = grants
    .filter((g) => g.organisation.kind === 'ARS' || g.organisation.kind === 'CD')
    .map((g) => organisationLabel(g.organisation));
  const role = ROLE_LABELS[first.role];
  return authorities.length > 0 ? `${role} – ${authorities.join(', ')}` : role;
}

/** The domains a USER enters, in words (« Ressources humaines, finances »); every domain: null. */
function domainsOf(grants: readonly ActorGrant[]): string | undefined {
  const entry = grants.filter((g) => g.role === 'USER' && g.rights.includes('ENTRY'));
  if (entry.length === 0 || entry.some((g) => g.entryDomains === null)) return undefined;
  const domains = [...new Set(entry.flatMap((g) => g.entryDomains as FormDomain[]))];
  const text = domains.map((d) => FORM_DOMAIN_LABELS[d]).join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * "Mes étapes" (issue 15 §4): the steps of the guide (libs/submission-workflow, guide-data.ts) for
 * each profile the person holds, in the campaign's current phase, measured with counts of its
 * scope read here (the same scope and statuses as the follow-up, the atypia table and the lists the
 * steps link to).
 */
@Injectable()
export class GuidanceService {
  constructor(
    private readonly access: AccessService,
    private readonly campaigns: CampaignRepository,
    private readonly repository: GuidanceRepository,
  ) {}

  async mySteps(actor: AuthenticatedActor, year: number): Promise<MyStepsDto> {
    this.access.check(actor, { type: 'campaign.read' });
    const campaign = await this.campaigns.row(year);
    const today = parisToday();
    const phase = phaseOfCampaign(campaign, today);
    const grants = activeGrants(actor, today);
    const audiences = guideAudiencesOf(grants);
    const scope = this.access.scope(actor);
    // Each profile is measured in its own scope: a person both APR of an ARS and APE of one EHPAD
    // reads, in the APE block, the EHPAD's counts — not those of the whole region.
    const perBlock = await Promise.all(
      audiences.map(async (audience) => {
        const own = grantsOf(grants, audience);
        return {
          audience,
          own,
          counters: await this.counters(year, campaign.state, scopeOfGrants(own), [audience], today),
        };
      }),
    );
    const onlyFiness =
      perBlock.length === 1
        ? (perBlock[0]?.counters.onlyFiness ?? null)
        : (await this.counters(year, campaign.state, scope, audiences, today)).onlyFiness;
    const blocks: GuideBlockDto[] = perBlock.map(({ audience, own, counters }) => {
      return {
        role: audience.role,
        label: blockLabel(own),
        steps: stepsFor({
          audience,
          phase,
          dates: datesOf(campaign),
          today,
          counters,
          domains: domainsOf(own),
        }),
      };
    });
    const structureLevel = !scope.all && scope.authorities.length === 0;
    return {
      campaignYear: year,
      phase,
      phaseLabel: campaign.state === 'DRAFT' ? 'En préparation (non ouverte)' : PHASE_LABELS[phase],
      guideVersion: GUIDE_VERSION,
      blocks,
      onlyFiness: structureLevel ? onlyFiness : null,
      onlyOgFiness:
        structureLevel && scope.ogs.length === 1 && scope.structures.length === 0
          ? (scope.ogs[0] ?? null)
          : null,
    };
  }

  private async counters(
    year: number,
    state: string,
    scope: ReturnType<AccessService['scope']>,
    audiences: readonly GuideAudience[],
    today: string,
  ): Promise<GuideCounters & { onlyFiness: string | null }> {
    const condition = this.access.scopeCondition(scope, 's');
    const has = (role: GuideAudience['role']) => audiences.some((a) => a.role === role);
    const communicating = scope.authorities
      .filter((a) => a.role === 'APR' || a.role === 'CONTROLLER')
      .map((a) => `${a.kind}:${a.code}`);
    const withReferents = scope.authorities.filter((a) => a.role === 'APR').map((a) => `${a.kind}:${a.code}`);
    const [submissions, flags, users, launch, referents] = await Promise.all([
      this.repository.submissionCounts(year, condition, scope, today),
      this.repository.flagCounts(year, condition),
      has('APE') ? this.repository.users(scope.structures, scope.ogs, today) : Promise.resolve(0),
      this.repository.authoritiesMissing(year, [...new Set(communicating)]),
      this.repository.authoritiesMissing(year, [...new Set(withReferents)]),
    ]);
    return {
      submissions: Number(submissions.submissions),
      validated: Number(submissions.validated),
      confirmed: Number(submissions.confirmed),
      invalidated: Number(submissions.invalidated),
      awaitingDecision: Number(submissions.awaiting_decision),
      sharedToConsult: Number(submissions.shared_to_consult),
      structuresWithoutApe: Number(submissions.without_ape),
      openFlags: Number(flags.open),
      justifiedFlags: Number(flags.justified),
      flagsToAnswer: Number(flags.to_answer),
      users,
      authoritiesWithoutReferent: referents.referent,
      authoritiesWithoutLaunch: launch.launch,
      campaignNotOpen: state === 'DRAFT' ? 1 : 0,
      onlyFiness: submissions.only_finess?.trim() ?? null,
    };
  }
}
