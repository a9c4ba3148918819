import { useNavigate, useParams, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { AskQuestionForm } from '@/features/support/components/ask-question-form';
import { useSubmissions } from '@/lib/api/get-submissions';
import { asksQuestions } from '@/lib/auth/asks-questions';
import { useAuth } from '@/lib/auth/auth-provider';
import { paths } from '@/lib/paths';

/** « Poser une question »: prefilled with the page it was opened from and the item or indicator. */
export function AskQuestionPage() {
  const params = useParams();
  const year = Number(params['year']);
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const { account } = useAuth();
  const structureSide = asksQuestions(account);
  const submissions = useSubmissions(year, { pageSize: 200 }, { enabled: structureSide });
  const page = search.get('page') ?? undefined;
  const finess = search.get('structure') ?? undefined;

  const body = !structureSide ? (
    <Alert
      severity="info"
      title="Réservé aux structures"
      description="Les questions sont posées par les structures et leurs organismes gestionnaires ; vous les recevez dans « Questions reçues »."
    />
  ) : submissions.isPending ? (
    <PageLoader label="Chargement de vos structures…" />
  ) : submissions.isError ? (
    <QueryError error={submissions.error} headingAs="h2" onRetry={() => void submissions.refetch()} />
  ) : (
    <AskQuestionForm
      year={year}
      structures={submissions.data.items.map((s) => ({ finess: s.finess, name: s.name }))}
      finess={finess}
      pagePath={page && page.startsWith('/') ? page : undefined}
      itemCode={search.get('donnee') ?? undefined}
      indicatorCode={search.get('indicateur') ?? undefined}
      onAsked={(thread) => void navigate(paths.question.href(year, thread.question.id))}
    />
  );
  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Poser une question – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Poser une question"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[
          { label: 'Campagnes', linkProps: { to: paths.campaigns.href() } },
          { label: `Mes questions ${year}`, linkProps: { to: paths.campaignQuestions.href(year) } },
        ]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>Poser une question — campagne {year}</h1>
      <div className={fr.cx('fr-grid-row')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-8')}>{body}</div>
      </div>
    </div>
  );
}
