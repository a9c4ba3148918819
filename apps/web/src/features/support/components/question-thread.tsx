import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { SupportThread } from '@tdb/contracts';
import { formatDateTime } from '@/lib/format';
import { paths } from '@/lib/paths';
import {
  useAssignQuestion,
  useColleagues,
  usePostSupportMessage,
  useSetQuestionStatus,
} from '../api/questions';
import { pageLabel } from '../utils/labels';
import { PublishFaqForm } from './publish-faq-form';
import { QuestionStatusBadge } from './question-status-badge';

function ReplyForm({ year, thread }: { year: number; thread: SupportThread }) {
  const post = usePostSupportMessage(year, thread.question.id);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const label = thread.canManage ? 'Votre réponse' : 'Votre message';
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSent(false);
    if (body.trim() === '') {
      setError('Le message est obligatoire.');
      return;
    }
    setError(null);
    post.mutate(
      { body: body.trim(), version: thread.question.version },
      {
        onSuccess: () => {
          setBody('');
          setSent(true);
        },
      },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={thread.canManage ? 'Répondre' : 'Écrire un message'}>
      <Input
        label={label}
        hintText={
          thread.canManage
            ? 'La personne qui a posé la question est prévenue par courriel.'
            : 'Vos référents verront votre message dans leur file de questions.'
        }
        textArea
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error ?? undefined}
        nativeTextAreaProps={{
          value: body,
          rows: 5,
          maxLength: 5000,
          onChange: (e) => setBody(e.target.value),
        }}
      />
      <Button type="submit" disabled={post.isPending}>
        {thread.canManage ? 'Envoyer la réponse' : 'Envoyer'}
      </Button>
      <div aria-live="polite" className={fr.cx('fr-mt-2w')}>
        {sent && <Alert severity="success" small description="Votre message a été ajouté au fil." />}
        {post.error && <Alert severity="error" small role="alert" description={post.error.message} />}
      </div>
    </form>
  );
}

function ManagePanel({ year, thread }: { year: number; thread: SupportThread }) {
  const { question } = thread;
  const colleagues = useColleagues(year, thread.canManage);
  const assign = useAssignQuestion(year, question.id);
  const status = useSetQuestionStatus(year, question.id);
  const codes = new Set(question.authorities.map((a) => `${a.kind}:${a.code}`));
  const options = (colleagues.data ?? []).filter((c) =>
    codes.has(`${c.organisationKind}:${c.organisationCode}`),
  );
  const unique = options.filter((c, i) => options.findIndex((o) => o.id === c.id) === i);
  const error = assign.error ?? status.error;
  return (
    <section aria-labelledby="question-manage" className={fr.cx('fr-mb-4w')}>
      <h2 id="question-manage" className={fr.cx('fr-h5')}>
        Traitement
      </h2>
      <Select
        label="Attribuée à"
        hint="Un APR ou un contrôleur de votre autorité"
        disabled={assign.isPending || colleagues.isPending}
        nativeSelectProps={{
          value: question.assignedToId ?? '',
          onChange: (e) => assign.mutate({ assigneeId: e.target.value || null, version: question.version }),
        }}
      >
        <option value="">Personne</option>
        {question.assignedToId && !unique.some((c) => c.id === question.assignedToId) && (
          <option value={question.assignedToId}>{question.assignedToName ?? 'Collègue'}</option>
        )}
        {unique.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </Select>
      {question.status === 'CLOSED' ? (
        <Button
          priority="secondary"
          disabled={status.isPending}
          onClick={() => status.mutate({ action: 'REOPEN', version: question.version })}
        >
          Rouvrir la question
        </Button>
      ) : (
        <Button
          priority="secondary"
          disabled={status.isPending}
          onClick={() => status.mutate({ action: 'CLOSE', version: question.version })}
        >
          Clore la question
        </Button>
      )}
      <div aria-live="polite" className={fr.cx('fr-mt-2w')}>
        {error && <Alert severity="error" small role="alert" description={error.message} />}
      </div>
    </section>
  );
}

/** A question, its thread, and what the reader may do: reply, and for the referents, manage and publish. */
export function QuestionThreadView({ year, thread }: { year: number; thread: SupportThread }) {
  const { question } = thread;
  const page = pageLabel(question.pagePath);
  return (
    <>
      <h1>
        {question.subject} <QuestionStatusBadge status={question.status} />
      </h1>
      <ul className={fr.cx('fr-text--sm')}>
        <li>
          Structure : {question.structureName} ({question.finess}) — catégorie {question.categoryCode}
        </li>
        <li>Adressée à : {question.authorities.map((a) => a.name).join(' et ')}</li>
        {page && question.pagePath && (
          <li>
            Posée depuis : <Link to={question.pagePath}>{page}</Link>
          </li>
        )}
        {question.itemCode && (
          <li>
            Donnée : {question.itemCode} —{' '}
            <Link to={paths.campaignFaq.href(year, { item: question.itemCode })}>FAQ de cette donnée</Link>
          </li>
        )}
        {question.indicatorCode && (
          <li>
            Indicateur :{' '}
            <Link to={`${paths.indicator.href(question.indicatorCode)}?annee=${year}`}>
              {question.indicatorCode}
            </Link>
          </li>
        )}
        {question.assignedToName && <li>Attribuée à : {question.assignedToName}</li>}
        {question.faqEntryId && (
          <li>
            <Link to={paths.campaignFaq.href(year)}>Publiée dans la FAQ</Link>
          </li>
        )}
      </ul>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-8')}>
          <section aria-labelledby="question-thread">
            <h2 id="question-thread" className={fr.cx('fr-h5')}>
              Échanges
            </h2>
            <ol className="tdb-thread" aria-label="Messages">
              {thread.messages.map((m) => (
                <li key={m.id} className={fr.cx('fr-mb-3w')}>
                  <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
                    <strong>{m.side === 'AUTHORITY' ? `${m.authorName} (référent)` : m.authorName}</strong> —{' '}
                    {formatDateTime(m.createdAt)}
                  </p>
                  <p style={{ whiteSpace: 'pre-wrap' }}>{m.body}</p>
                </li>
              ))}
            </ol>
            {thread.canPost && (question.status !== 'CLOSED' || !thread.canManage) && (
              <ReplyForm year={year} thread={thread} />
            )}
            {question.status === 'CLOSED' && thread.canManage && (
              <p>Cette question est close : rouvrez-la pour y répondre.</p>
            )}
          </section>
        </div>
        {thread.canManage && (
          <div className={fr.cx('fr-col-12', 'fr-col-lg-4')}>
            <ManagePanel year={year} thread={thread} />
            {/* Started again from the thread's last answer when a new one is posted. */}
            <PublishFaqForm
              key={thread.messages.filter((m) => m.side === 'AUTHORITY').at(-1)?.id ?? 'none'}
              year={year}
              thread={thread}
            />
          </div>
        )}
      </div>
    </>
  );
}
