import { useParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { AuthorityGate } from '@/features/follow-up/components/authority-gate';
import { AuthorityPicker, useAuthorityChoice } from '@/features/follow-up/components/authority-picker';
import { FollowUpNav } from '@/features/follow-up/components/follow-up-nav';
import type { AuthorityAccess } from '@/lib/auth/authorities';
import { AssignmentsEditor } from '@/features/atypia/components/assignments-editor';
import { PrioritiesEditor } from '@/features/atypia/components/priorities-editor';
import { paths } from '@/lib/paths';

function FiabilisationContent({ year, access }: { year: number; access: AuthorityAccess }) {
  const choice = useAuthorityChoice(access, 'communicate');
  return (
    <>
      <AuthorityPicker
        access={access}
        own={choice.own}
        value={choice.value}
        onChange={choice.onChange}
        legend="Autorité"
        hint="Les contrôleurs et les priorités sont ceux de cette ARS ou de ce Département."
        idPrefix="fiabilisation"
      />
      {choice.value === null && access.national ? (
        <p>Choisissez une ARS ou un Département.</p>
      ) : (
        <>
          <section aria-labelledby="attributions" className={fr.cx('fr-mb-6w')}>
            <h2 id="attributions">Attribution des structures</h2>
            <p>
              Attribuez chaque structure de votre périmètre à un contrôleur et donnez-lui une priorité (0 :
              aucune, 3 : la plus forte). Les contrôleurs retrouvent leurs structures dans la vue « Mes
              structures » des atypies.
            </p>
            <AssignmentsEditor year={year} authority={choice.value} />
          </section>
          <section aria-labelledby="priorites">
            <h2 id="priorites">Indicateurs et règles prioritaires</h2>
            <p>Les atypies sur ces indicateurs et ces règles remontent dans le filtre « Prioritaires ».</p>
            <PrioritiesEditor year={year} authority={choice.value} />
          </section>
        </>
      )}
    </>
  );
}

/** "Organisation de la fiabilisation": who reviews which structure, and what to look at first. */
export function FiabilisationPage() {
  const year = Number(useParams()['year']);
  return (
    <AuthorityGate need="canCommunicate">
      {(access) => (
        <div className={fr.cx('fr-container', 'fr-pb-8w')}>
          <title>{`Organisation de la fiabilisation ${year} – ${SERVICE_TITLE}`}</title>
          <Breadcrumb
            currentPageLabel={`Organisation de la fiabilisation ${year}`}
            homeLinkProps={{ to: paths.home.href() }}
            segments={[
              { label: 'Campagnes', linkProps: { to: paths.campaigns.href() } },
              { label: `Suivi ${year}`, linkProps: { to: paths.campaignFollowUp.href(year) } },
            ]}
            classes={{ root: fr.cx('fr-mb-4w') }}
          />
          <h1>Organisation de la fiabilisation {year}</h1>
          <FollowUpNav year={year} current="fiabilisation" access={access} />
          <FiabilisationContent year={year} access={access} />
        </div>
      )}
    </AuthorityGate>
  );
}
