import { useParams, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { SupportQuestionStatus } from '@tdb/contracts';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import type { QuestionFilters } from '@/features/support/api/questions';
import { QuestionList } from '@/features/support/components/question-list';
import { SupportStatsTable } from '@/features/support/components/support-stats';
import { asksQuestions } from '@/lib/auth/asks-questions';
import { useAuth } from '@/lib/auth/auth-provider';
import { paths } from '@/lib/paths';

const STATUSES: readonly string[] = ['NEW', 'ANSWERED', 'CLOSED'];

function readFilters(search: URLSearchParams): QuestionFilters {
  const status = search.get('statut') ?? '';
  const authority = search.get('autorite') ?? '';
  const page = Number(search.get('page') ?? '1');
  return {
    status: STATUSES.includes(status) ? (status as SupportQuestionStatus) : undefined,
    authority: authority === 'ARS' || authority === 'CD' ? authority : undefined,
    category: search.get('categorie') || undefined,
    item: search.get('donnee') || undefined,
    mine: search.get('moi') === '1' || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function toSearch(filters: QuestionFilters): string {
  const search = new URLSearchParams();
  if (filters.status) search.set('statut', filters.status);
  if (filters.authority) search.set('autorite', filters.authority);
  if (filters.category) search.set('categorie', filters.category);
  if (filters.item) search.set('donnee', filters.item);
  if (filters.mine) search.set('moi', '1');
  if (filters.page && filters.page > 1) search.set('page', String(filters.page));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * « Mes questions » for a structure (and « Poser une question »); « Questions reçues » with the
 * follow-up of the territory for the referents of an ARS or a Département, and national.
 */
export function QuestionsPage() {
  const params = useParams();
  const year = Number(params['year']);
  const { account } = useAuth();
  const [search, setSearch] = useSearchParams();
  const structureSide = asksQuestions(account);
  const filters = readFilters(search);
  const title = structureSide ? 'Mes questions' : 'Questions reçues';
  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`${title} ${year} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel={title}
        homeLinkProps={{ to: paths.home.href() }}
        segments={[{ label: 'Campagnes', linkProps: { to: paths.campaigns.href() } }]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>
        {title} — campagne {year}
      </h1>
      <p>
        {structureSide
          ? 'Les questions posées aux référents TDB de votre ARS et de votre Département, et leurs réponses.'
          : 'Les questions des structures de votre territoire. Répondez-y, attribuez-les à un collègue, publiez les réponses utiles à tous dans la FAQ.'}
      </p>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mb-2w')}>
        {structureSide && (
          <li>
            <Button
              linkProps={{ to: paths.askQuestion.href(year, { page: paths.campaignQuestions.href(year) }) }}
            >
              Poser une question
            </Button>
          </li>
        )}
        <li>
          <Button priority="secondary" linkProps={{ to: paths.campaignFaq.href(year) }}>
            Consulter la FAQ
          </Button>
        </li>
      </ul>
      {!structureSide && (
        <section aria-labelledby="suivi-questions" className={fr.cx('fr-mb-4w')}>
          <h2 id="suivi-questions" className={fr.cx('fr-h4')}>
            Suivi
          </h2>
          <SupportStatsTable year={year} />
        </section>
      )}
      <h2 className={fr.cx('fr-h4')}>{structureSide ? 'Vos questions' : 'File des questions'}</h2>
      <QuestionList
        year={year}
        queue={!structureSide}
        filters={filters}
        onFilters={(next) => setSearch(toSearch(next), { replace: true })}
        searchFor={(page) => toSearch({ ...filters, page })}
      />
    </div>
  );
}
