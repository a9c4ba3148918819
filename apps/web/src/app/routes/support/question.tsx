import { useParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { NotFound } from '@/components/ui/not-found';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useQuestion } from '@/features/support/api/questions';
import { QuestionThreadView } from '@/features/support/components/question-thread';
import { isApiClientError } from '@/lib/api-client';
import { asksQuestions } from '@/lib/auth/asks-questions';
import { useAuth } from '@/lib/auth/auth-provider';
import { paths } from '@/lib/paths';

/** One question and its thread: the asker follows it, the referents answer and manage it. */
export function QuestionPage() {
  const params = useParams();
  const year = Number(params['year']);
  const id = params['id'] ?? '';
  const thread = useQuestion(year, id);
  const { account } = useAuth();
  const listLabel = asksQuestions(account) ? 'Mes questions' : 'Questions reçues';

  if (thread.isPending) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <PageLoader label="Chargement de la question…" />
      </div>
    );
  }
  if (thread.isError) {
    if (
      isApiClientError(thread.error) &&
      (thread.error.statusCode === 404 || thread.error.statusCode === 400)
    ) {
      return <NotFound title="Question introuvable" lead={thread.error.message} />;
    }
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <title>{`Erreur – ${SERVICE_TITLE}`}</title>
        <h1>Question</h1>
        <QueryError error={thread.error} headingAs="h2" onRetry={() => void thread.refetch()} />
      </div>
    );
  }
  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Question – ${thread.data.question.subject} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel={thread.data.question.subject}
        homeLinkProps={{ to: paths.home.href() }}
        segments={[
          { label: 'Campagnes', linkProps: { to: paths.campaigns.href() } },
          { label: `${listLabel} ${year}`, linkProps: { to: paths.campaignQuestions.href(year) } },
        ]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <QuestionThreadView year={year} thread={thread.data} />
    </div>
  );
}
