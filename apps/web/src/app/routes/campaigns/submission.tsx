import { useParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { NotFound } from '@/components/ui/not-found';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { isApiClientError } from '@/lib/api-client';
import { useDictionary } from '@/features/campaigns/api/get-dictionary';
import { useSubmission } from '@/features/campaigns/api/get-submission';
import { SubmissionEntry } from '@/features/campaigns/components/submission-entry';
import { SubmissionExtensionPanel } from '@/features/campaigns/components/submission-extension';
import { SentBackNotice } from '@/features/campaigns/components/sent-back-notice';
import {
  FlagsToCorrect,
  ItemFlags,
  SubmissionFlags,
  flagsOfItem,
} from '@/features/atypia/components/submission-flags';
import { issueHref } from '@/features/campaigns/components/remaining-issues';
import { ItemSupportLinks } from '@/features/support/components/support-links';
import { asksQuestions } from '@/lib/auth/asks-questions';
import { useAuth } from '@/lib/auth/auth-provider';
import { paths } from '@/lib/paths';

export function SubmissionPage() {
  const params = useParams();
  const year = Number(params['year']);
  const finess = params['finess'] ?? '';
  const submission = useSubmission(year, finess);
  const dictionary = useDictionary(year);
  const canAsk = asksQuestions(useAuth().account);

  if (submission.isPending || dictionary.isPending) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <PageLoader label="Chargement de la saisie…" />
      </div>
    );
  }
  const error = submission.error ?? dictionary.error;
  if (error || !submission.data || !dictionary.data) {
    if (isApiClientError(error) && error.statusCode === 404) {
      return (
        <NotFound
          title="Saisie introuvable"
          lead={error.message}
          backTo={{ to: paths.campaignSubmissions.href(year), label: 'Revenir aux saisies' }}
        />
      );
    }
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <title>{`Erreur – ${SERVICE_TITLE}`}</title>
        <h1>Saisie {finess}</h1>
        <QueryError
          error={error}
          headingAs="h2"
          onRetry={() => {
            void submission.refetch();
            void dictionary.refetch();
          }}
        />
      </div>
    );
  }

  const flags = submission.data.flags ?? [];
  const itemDomains = new Map(dictionary.data.items.map((item) => [item.code, item.domain]));
  const fieldHref = (itemCode: string) => {
    const domain = itemDomains.get(itemCode);
    return domain ? issueHref(itemCode, domain) : null;
  };
  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Saisie ${year} – ${submission.data.name} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel={submission.data.name}
        homeLinkProps={{ to: paths.home.href() }}
        segments={[
          { label: 'Campagnes', linkProps: { to: paths.campaigns.href() } },
          { label: `Saisies ${year}`, linkProps: { to: paths.campaignSubmissions.href(year) } },
        ]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <SubmissionEntry
        detail={submission.data}
        dictionary={dictionary.data}
        slots={{
          top: (
            <SentBackNotice detail={submission.data}>
              <FlagsToCorrect flags={flags} fieldHref={fieldHref} />
            </SentBackNotice>
          ),
          header: (
            <>
              <SubmissionExtensionPanel detail={submission.data} />
              <SubmissionFlags flags={flags} />
            </>
          ),
          belowItem: (item) => (
            <>
              <ItemFlags flags={flagsOfItem(flags, item.code)} itemLabel={item.label} />
              <ItemSupportLinks
                year={year}
                finess={submission.data.finess}
                itemCode={item.code}
                itemLabel={item.label}
                canAsk={canAsk}
              />
            </>
          ),
        }}
      />
    </div>
  );
}
