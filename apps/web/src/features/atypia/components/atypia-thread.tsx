import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { AtypiaThread } from '@tdb/contracts';
import { formatDateTime } from '@/lib/format';
import { usePostAtypiaMessage } from '../api/atypia';
import { DECISION_LABELS, MESSAGE_KIND_LABELS, SEVERITY_LABELS, priorityLabel } from '../utils/labels';
import { flagFigures, targetValue } from '../utils/figures';
import { ChangesSinceValidationPanel } from './changes-since-validation';
import { DecisionForm } from './decision-form';
import { FlagStatusBadge } from './flag-status-badge';
import { paths } from '@/lib/paths';
import { UnavailableActions } from '@/components/ui/unavailable-actions';
import { threadActions } from '../utils/thread-actions';

/** The structure's justification (or a comment of a reviewer) on a flag. */
function MessageForm({
  year,
  thread,
  label,
  submitLabel,
  hint,
}: {
  year: number;
  thread: AtypiaThread;
  label: string;
  submitLabel: string;
  hint?: string;
}) {
  const post = usePostAtypiaMessage(year, thread.flag.id);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSent(false);
    if (body.trim() === '') {
      setError('Le message est obligatoire.');
      return;
    }
    setError(null);
    post.mutate(
      { body: body.trim(), version: thread.flag.version },
      {
        onSuccess: () => {
          setBody('');
          setSent(true);
        },
      },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label={submitLabel}>
      <Input
        label={label}
        hintText={hint}
        textArea
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error ?? undefined}
        nativeTextAreaProps={{
          value: body,
          rows: 4,
          maxLength: 4000,
          required: true,
          onChange: (event) => setBody(event.target.value),
        }}
      />
      <Button type="submit" disabled={post.isPending}>
        {submitLabel}
      </Button>
      <div aria-live="polite" className={fr.cx('fr-mt-2w')}>
        {sent && <Alert severity="success" small description="Votre message a été ajouté au fil." />}
        {post.error && <Alert severity="error" small role="alert" description={post.error.message} />}
      </div>
    </form>
  );
}

/** "Dépenses réalisées (depenses_realisees)": the target's French label, its code beside it. */
function TargetName({ thread }: { thread: AtypiaThread }) {
  const { flag, target } = thread;
  if (target.label === flag.targetCode) return <span className="tdb-code">{flag.targetCode}</span>;
  return (
    <>
      {target.label} <span className="tdb-code">({flag.targetCode})</span>
    </>
  );
}

/**
 * The target's value when the flag was raised and now: once the structure corrects it, the thread
 * says so at the top, beside the rule's message that still quotes the flagged figure.
 */
function CurrentValue({ thread }: { thread: AtypiaThread }) {
  const { flag, target } = thread;
  // Compared as shown: 87,54 % and 87,46 % both read « 87,5 % ».
  const corrected = targetValue(target.currentValue, target) !== targetValue(flag.value, target);
  const now =
    target.currentValue !== null
      ? targetValue(target.currentValue, target)
      : flag.targetKind === 'indicator'
        ? 'non calculable'
        : 'non renseignée';
  return (
    <p className={fr.cx('fr-mb-3w')}>
      Valeur actuelle de « {target.label} » : <strong>{now}</strong>
      {corrected && <> — corrigée depuis le signalement, qui portait sur {targetValue(flag.value, target)}</>}
      .
    </p>
  );
}

/** A flag and its thread: why, the figures, the messages, and what the caller may do now. */
export function AtypiaThreadView({
  year,
  thread,
  showChanges,
}: {
  year: number;
  thread: AtypiaThread;
  /** Show "Ce qui a changé depuis la validation" (reviewers). */
  showChanges: boolean;
}) {
  const { flag, target } = thread;
  const actions = threadActions(thread);
  const formPath = paths.submission.href(year, flag.finess);
  const figures: [string, ReactNode][] = [
    [flag.targetKind === 'indicator' ? 'Indicateur' : 'Donnée', <TargetName key="target" thread={thread} />],
    ['Valeur signalée', targetValue(flag.value, target)],
    ...flagFigures(flag, target).map(({ label, value }): [string, ReactNode] => [label, value]),
    ['Priorité', priorityLabel(flag.priority)],
    ['Contrôleur', flag.controllerName ?? 'Non attribué'],
    ['Mis à jour', formatDateTime(flag.updatedAt)],
  ];
  return (
    <>
      <ul className={fr.cx('fr-badges-group', 'fr-mb-1w')}>
        <li>
          <FlagStatusBadge status={flag.status} />
        </li>
        <li>
          <Badge small noIcon severity={flag.severity === 'high' ? 'warning' : 'info'}>
            Gravité : {SEVERITY_LABELS[flag.severity] ?? flag.severity}
          </Badge>
        </li>
      </ul>
      <h1 className={fr.cx('fr-mb-1w')}>{flag.ruleLabel}</h1>
      <p>
        <Link to={formPath}>{flag.structureName}</Link> (FINESS{' '}
        <span className="tdb-code">{flag.finess}</span>) · {flag.categoryLabel} · département{' '}
        {flag.departmentCode}
      </p>
      <Alert
        severity={flag.status === 'TO_CORRECT' ? 'error' : 'warning'}
        small
        className={fr.cx('fr-mb-2w')}
        description={flag.message}
      />
      <CurrentValue thread={thread} />

      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-8')}>
          <section aria-labelledby="fil-titre" className={fr.cx('fr-mb-4w')}>
            <h2 id="fil-titre" className={fr.cx('fr-h4')}>
              Échanges
            </h2>
            {thread.messages.length === 0 ? (
              <p>Aucun message pour le moment.</p>
            ) : (
              <ol className="tdb-atypia-thread" aria-label="Messages du signalement">
                {thread.messages.map((message) => (
                  <li key={message.id} className="tdb-panel fr-mb-2w">
                    <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
                      <strong>
                        {message.kind === 'DECISION' && message.decision
                          ? `Décision : ${DECISION_LABELS[message.decision]}`
                          : MESSAGE_KIND_LABELS[message.kind]}
                      </strong>{' '}
                      — {message.authorName}, le {formatDateTime(message.at)}
                    </p>
                    <p className={fr.cx('fr-mb-0')} style={{ whiteSpace: 'pre-wrap' }}>
                      {message.body}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </section>

          {actions.justify && (
            <section aria-labelledby="justifier-titre" className={fr.cx('fr-mb-4w')}>
              <h2 id="justifier-titre" className={fr.cx('fr-h4')}>
                Justifier la valeur
              </h2>
              <p>
                Si la valeur est juste, expliquez pourquoi. Sinon,{' '}
                <Link to={formPath}>corrigez-la dans le formulaire</Link>.
              </p>
              <MessageForm
                year={year}
                thread={thread}
                label="Votre justification"
                submitLabel="Envoyer la justification"
                hint="Par exemple : extension de 20 places au 1er juillet."
              />
            </section>
          )}

          {actions.unavailable.length > 0 && (
            <section aria-labelledby="indisponible-titre" className={fr.cx('fr-mb-4w')}>
              <h2 id="indisponible-titre" className={fr.cx('fr-h4')}>
                {actions.decide ? 'Décisions indisponibles' : 'Ce que vous ne pouvez pas faire'}
              </h2>
              <UnavailableActions actions={actions.unavailable} title="Pour le moment" />
            </section>
          )}

          {actions.decide && (
            <section aria-labelledby="decider-titre" className={fr.cx('fr-mb-4w')}>
              <h2 id="decider-titre" className={fr.cx('fr-h4')}>
                Décider
              </h2>
              <DecisionForm
                refused={actions.refusedDecisions}
                year={year}
                targets={[{ id: flag.id, version: flag.version }]}
                acceptLabel="Accepter la valeur"
                correctLabel="Faire corriger"
                idPrefix="decision-fil"
              />
            </section>
          )}
        </div>

        <div className={fr.cx('fr-col-12', 'fr-col-lg-4')}>
          <section className="tdb-panel fr-mb-3w" aria-labelledby="chiffres-titre">
            <h2 id="chiffres-titre" className={fr.cx('fr-h5')}>
              Chiffres
            </h2>
            <dl className="tdb-atypia-figures">
              {figures.map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            <Button size="small" priority="secondary" linkProps={{ to: formPath }}>
              Voir le formulaire de la structure
            </Button>
          </section>
          {showChanges && <ChangesSinceValidationPanel year={year} finess={flag.finess} />}
        </div>
      </div>
    </>
  );
}
