import { useNavigate } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { PageLoader } from '@/components/ui/page-loader';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { useImportAccounts } from '@/features/accounts/api/import-accounts';
import { ProvisioningFileFormat } from '@/features/accounts/components/provisioning-file-format';
import { ProvisioningForm } from '@/features/accounts/components/provisioning-form';
import {
  ProvisioningErrors,
  ProvisioningReportView,
} from '@/features/accounts/components/provisioning-result';
import { paths } from '@/lib/paths';

export function UsersImportPage() {
  const navigate = useNavigate();
  const provision = useImportAccounts();

  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Importer des APE – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Importer des APE"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[{ label: 'Utilisateurs', linkProps: { to: paths.users.href() } }]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>Importer des APE</h1>
      <p className={fr.cx('fr-text--lead')}>
        Créez en une fois les administrateurs principaux (APE) des établissements et organismes gestionnaires
        de votre périmètre, à partir d'un fichier.
      </p>

      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <section aria-labelledby="format-titre" className={fr.cx('fr-col-12', 'fr-col-lg-7')}>
          <h2 id="format-titre" className={fr.cx('fr-h5')}>
            Le fichier attendu
          </h2>
          <ProvisioningFileFormat />
        </section>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-5')}>
          <ProvisioningForm
            pending={provision.isPending}
            onSubmit={(file) => provision.mutate(file)}
            onCancel={() => navigate(paths.users.href())}
          />
        </div>
      </div>

      <div className={fr.cx('fr-mt-6w')}>
        {provision.isPending ? (
          <PageLoader label="Import en cours : vérification de chaque ligne…" />
        ) : provision.isError ? (
          <ProvisioningErrors error={provision.error} />
        ) : provision.isSuccess ? (
          <ProvisioningReportView report={provision.data} />
        ) : null}
      </div>
    </div>
  );
}

export default UsersImportPage;
