import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { SearchBar } from '@codegouvfr/react-dsfr/SearchBar';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useFaq } from '@/features/support/api/faq';
import { FaqList } from '@/features/support/components/faq-list';
import { asksQuestions } from '@/lib/auth/asks-questions';
import { useAuth } from '@/lib/auth/auth-provider';
import { paths } from '@/lib/paths';

/** The FAQ of the campaign (national, and of the reader's regions), searched accent-insensitively. */
export function FaqPage() {
  const params = useParams();
  const year = Number(params['year']);
  const [search, setSearch] = useSearchParams();
  const { account, permissions } = useAuth();
  const q = search.get('q') ?? '';
  const item = search.get('donnee') ?? undefined;
  const indicator = search.get('indicateur') ?? undefined;
  const proposed = search.get('propositions') === '1';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const faq = useFaq(year, { q, item, indicator, proposed });
  const update = (change: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(change)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setSearch(next, { replace: true });
  };
  return (
    <div className={fr.cx('fr-container', 'fr-pb-8w')}>
      <title>{`Foire aux questions ${year} – ${SERVICE_TITLE}`}</title>
      <Breadcrumb
        currentPageLabel="Foire aux questions"
        homeLinkProps={{ to: paths.home.href() }}
        segments={[{ label: 'Campagnes', linkProps: { to: paths.campaigns.href() } }]}
        classes={{ root: fr.cx('fr-mb-4w') }}
      />
      <h1>Foire aux questions — campagne {year}</h1>
      <p>
        Les réponses des référents TDB de votre région et de l’administration nationale, anonymisées.
        {asksQuestions(account) && (
          <>
            {' '}
            Vous ne trouvez pas ?{' '}
            <Link to={paths.askQuestion.href(year, { page: paths.campaignFaq.href(year) })}>
              Posez votre question
            </Link>
            .
          </>
        )}
      </p>
      <form
        aria-label="Rechercher dans la FAQ"
        className={fr.cx('fr-mb-3w')}
        onSubmit={(event) => {
          event.preventDefault();
          update({ q: text.trim() || null });
        }}
      >
        <SearchBar
          label="Rechercher dans la FAQ"
          renderInput={({ className, id, placeholder, type }) => (
            <input
              className={className}
              id={id}
              placeholder={placeholder}
              type={type}
              name="q"
              value={text}
              maxLength={200}
              onChange={(event) => setText(event.target.value)}
            />
          )}
          onButtonClick={() => update({ q: text.trim() || null })}
        />
      </form>
      {(item || indicator) && (
        <p>
          {item ? `Questions sur la donnée ${item}` : `Questions sur l’indicateur ${indicator}`} —{' '}
          <Link to={paths.campaignFaq.href(year, { q })}>voir toute la FAQ</Link>
        </p>
      )}
      {permissions.isNationalAdmin && (
        <ToggleSwitch
          label="Seulement les propositions à la FAQ nationale"
          checked={proposed}
          showCheckedHint={false}
          onChange={(checked) => update({ propositions: checked ? '1' : null })}
        />
      )}
      <div aria-live="polite">
        {faq.isPending ? (
          <PageLoader label="Chargement de la FAQ…" />
        ) : faq.isError ? (
          <QueryError error={faq.error} headingAs="h2" onRetry={() => void faq.refetch()} />
        ) : faq.data.length === 0 ? (
          <p>
            {q
              ? `Aucune question-réponse ne contient « ${q} ».`
              : 'La FAQ de cette campagne est encore vide.'}
          </p>
        ) : (
          <>
            <p className={fr.cx('fr-text--sm')}>
              {faq.data.length} question{faq.data.length > 1 ? 's' : ''}-réponse
              {faq.data.length > 1 ? 's' : ''}
            </p>
            <FaqList year={year} entries={faq.data} canPublishNationally={permissions.isNationalAdmin} />
          </>
        )}
      </div>
    </div>
  );
}
