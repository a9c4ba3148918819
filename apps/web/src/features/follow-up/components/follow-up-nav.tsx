import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import type { AuthorityAccess } from '@/lib/auth/authorities';
import { paths } from '@/lib/paths';

export type FollowUpSection = 'suivi' | 'perimetre' | 'communication' | 'atypies' | 'fiabilisation';

/** The links between the follow-up pages of a campaign (the current one marked). */
export function FollowUpNav({
  year,
  current,
  access,
}: {
  year: number;
  current: FollowUpSection;
  access: AuthorityAccess;
}) {
  const links: { section: FollowUpSection | 'saisies' | 'referents'; to: string; text: string }[] = [
    { section: 'suivi', to: paths.campaignFollowUp.href(year), text: 'Suivi' },
    { section: 'saisies', to: paths.campaignSubmissions.href(year), text: 'Saisies' },
    { section: 'perimetre', to: paths.campaignScope.href(year), text: 'Périmètre' },
    { section: 'atypies', to: paths.campaignAtypia.href(year), text: 'Atypies' },
  ];
  if (access.canCommunicate) {
    links.push({
      section: 'communication',
      to: paths.campaignCommunication.href(year),
      text: 'Communication',
    });
    links.push({
      section: 'fiabilisation',
      to: paths.campaignFiabilisation.href(year),
      text: 'Organisation de la fiabilisation',
    });
  }
  links.push({ section: 'referents', to: paths.referents.href(), text: 'Référents TDB' });
  return (
    <nav aria-label={`Campagne ${year}`} className={fr.cx('fr-mb-4w')}>
      <ul className="tdb-subnav">
        {links.map((link) => (
          <li key={link.section}>
            <Link
              to={link.to}
              className={fr.cx('fr-link')}
              aria-current={link.section === current ? 'page' : undefined}
            >
              {link.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
