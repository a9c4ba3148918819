import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { useReference } from '@/lib/api/get-reference';
import { AuthorityGate } from '@/features/follow-up/components/authority-gate';
import { AuthorityPicker, useAuthorityChoice } from '@/features/follow-up/components/authority-picker';
import { ReferentsManager } from '@/features/follow-up/components/referents-manager';
import { authorityKey, authorityLabel, type AuthorityAccess } from '@/lib/auth/authorities';
import { paths } from '@/lib/paths';

function ReferentsContent({ access }: { access: AuthorityAccess }) {
  const { value, onChange, own } = useAuthorityChoice(access, 'follow');
  const reference = useReference();
  const mine = value ? own.find((o) => authorityKey(o.ref) === authorityKey(value)) : undefined;
  const name = value ? (mine?.label ?? authorityLabel(value, reference.data ?? {})) : '';
  const canManage = access.national || Boolean(mine?.canManageReferents);
  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Référents TDB – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Référents TDB"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>Référents TDB</h1>
      <p>
        Les référents TDB de l'ARS ou du conseil départemental sont les contacts que voient les structures
        pendant la campagne (sur leur saisie et dans les courriels).
      </p>
      <AuthorityPicker
        access={access}
        own={own}
        value={value}
        onChange={onChange}
        legend="Autorité"
        idPrefix="referents"
      />
      {value ? (
        <ReferentsManager
          key={authorityKey(value)}
          authority={value}
          authorityName={name}
          canManage={canManage}
        />
      ) : (
        <p className={fr.cx('fr-text--sm')}>Choisissez une ARS ou un conseil départemental.</p>
      )}
    </div>
  );
}

/** "Référents TDB": the contacts of an ARS or a CD for the structures. */
export function ReferentsPage() {
  return <AuthorityGate>{(access) => <ReferentsContent access={access} />}</AuthorityGate>;
}
