import type { GuideLinkDto, MyStepsDto } from '@tdb/contracts';
import { paths } from '@/lib/paths';

/**
 * The page of a step's link: the guide names pages (GuidePage), the SPA knows their paths. Entry and
 * restitution open the person's one structure (or OG) directly, else the list of its submissions.
 */
export function stepHref(
  link: GuideLinkDto,
  year: number,
  context: Pick<MyStepsDto, 'onlyFiness' | 'onlyOgFiness'>,
): string {
  const { onlyFiness, onlyOgFiness } = context;
  const base = (() => {
    switch (link.page) {
      case 'campaigns':
        return paths.campaigns.href();
      case 'followUp':
        return paths.campaignFollowUp.href(year);
      case 'scope':
        return paths.campaignScope.href(year);
      case 'communication':
        return paths.campaignCommunication.href(year);
      case 'referents':
        return paths.referents.href();
      case 'users':
        return paths.users.href();
      case 'submissions':
        return paths.campaignSubmissions.href(year);
      case 'atypia':
        return paths.campaignAtypia.href(year);
      case 'territoryRestitution':
        return paths.territoryRestitution.href(year);
      case 'entry':
        if (onlyFiness) return paths.submission.href(year, onlyFiness);
        if (onlyOgFiness) return paths.organisationEntry.href(year, onlyOgFiness);
        return paths.campaignSubmissions.href(year);
      case 'restitution':
        if (onlyFiness) return paths.submissionRestitution.href(year, onlyFiness);
        if (onlyOgFiness) return paths.organisationRestitution.href(year, onlyOgFiness);
        return paths.campaignSubmissions.href(year);
    }
  })();
  const query = new URLSearchParams(link.query).toString();
  return query ? `${base}?${query}` : base;
}
