import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import type { AuthorityAccess } from '@/lib/auth/authorities';

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
    { section: 'suivi', to: `/campagnes/${year}/suivi`, text: 'Suivi' },
    { section: 'saisies', to: `/campagnes/${year}/saisies`, text: 'Saisies' },
    { section: 'perimetre', to: `/campagnes/${year}/perimetre`, text: 'Périmètre' },
    { section: 'atypies', to: `/campagnes/${year}/atypies`, text: 'Atypies' },
  ];
  if (access.canCommunicate) {
    links.push({ section: 'communication', to: `/campagnes/${year}/communication`, text: 'Communication' });
    links.push({
      section: 'fiabilisation',
      to: `/campagnes/${year}/fiabilisation`,
      text: 'Organisation de la fiabilisation',
    });
  }
  links.push({ section: 'referents', to: '/referents', text: 'Référents TDB' });
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
