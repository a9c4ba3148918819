import { useParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { NotFound } from '@/components/ui/not-found';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { isApiClientError } from '@/lib/api-client';
import { useAtypiaThread } from '@/features/atypia/api/atypia';
import { AtypiaThreadView } from '@/features/atypia/components/atypia-thread';
import { useAuthorityAccess } from '@/lib/auth/use-authority-access';
import { paths } from '@/lib/paths';

/** One atypia flag and its thread, for the structure (to justify) and for its reviewers (to decide). */
export function AtypiaFlagPage() {
  const params = useParams();
  const year = Number(params['year']);
  const flagId = params['flagId'] ?? '';
  const thread = useAtypiaThread(year, flagId);
  const access = useAuthorityAccess();

  if (thread.isPending) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <PageLoader label="Chargement du signalement…" />
      </div>
    );
  }
  if (thread.isError) {
    if (isApiClientError(thread.error) && thread.error.statusCode === 404) {
      return <NotFound title="Signalement introuvable" lead={thread.error.message} />;
    }
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <title>{`Erreur – ${SERVICE_TITLE}`}</title>
        <h1>Signalement</h1>
        <QueryError error={thread.error} headingAs="h2" onRetry={() => void thread.refetch()} />
      </div>
    );
  }

  const { flag } = thread.data;
  const formPath = paths.submission.href(year, flag.finess);
  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Atypie – ${flag.ruleLabel} – ${flag.structureName} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel={flag.ruleLabel}
        homeLinkProps={{ to: paths.home.href() }}
        segments={[
          { label: 'Campagnes', linkProps: { to: paths.campaigns.href() } },
          access.canFollow
            ? { label: `Atypies ${year}`, linkProps: { to: paths.campaignAtypia.href(year) } }
            : { label: flag.structureName, linkProps: { to: formPath } },
        ]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <AtypiaThreadView
        year={year}
        thread={thread.data}
        showChanges={thread.data.canDecide || access.canFollow}
      />
    </div>
  );
}
