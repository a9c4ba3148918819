import { useId, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { AtypiaDecisionResult } from '@tdb/contracts';
import { formatCount } from '@/lib/format';
import { useAtypiaDecision } from '../api/atypia';

type Decision = 'ACCEPTED' | 'TO_CORRECT';

export interface DecisionTarget {
  id: string;
  version: number;
}

function resultText(result: AtypiaDecisionResult): string {
  const count = formatCount(result.flags.length, 'signalement', 'signalements');
  const done = result.decision === 'ACCEPTED' ? 'valeur acceptée' : 'à corriger par la structure';
  const invalidated =
    result.invalidated.length > 0
      ? ` ${formatCount(result.invalidated.length, 'saisie a été renvoyée', 'saisies ont été renvoyées')} à la structure (FINESS ${result.invalidated.join(', ')}).`
      : '';
  return `${count} : ${done}.${invalidated}`;
}

/**
 * One decision ("Accepter" / "Faire corriger") with its mandatory comment, on one flag or on a
 * selection (all or nothing); `confirm` adds a confirmation step, for selections.
 */
export function DecisionForm({
  year,
  targets,
  acceptLabel,
  correctLabel,
  confirm = false,
  idPrefix,
  onDone,
  refused = {},
}: {
  year: number;
  targets: DecisionTarget[];
  acceptLabel: string;
  correctLabel: string;
  confirm?: boolean;
  idPrefix: string;
  onDone?: (result: AtypiaDecisionResult) => void;
  /** Decisions the API refuses now, with why: not offered (never a 409 after a typed comment). */
  refused?: Partial<Record<Decision, string>>;
}) {
  const decide = useAtypiaDecision(year);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [pending, setPending] = useState<Decision | null>(null);
  const [result, setResult] = useState<AtypiaDecisionResult | null>(null);
  const formId = useId();

  const send = (decision: Decision) => {
    setResult(null);
    decide.mutate(
      {
        flagIds: targets.map((t) => t.id),
        decision,
        comment: comment.trim(),
        versions: Object.fromEntries(targets.map((t) => [t.id, t.version])),
      },
      {
        onSuccess: (answer) => {
          setResult(answer);
          setComment('');
          setPending(null);
          onDone?.(answer);
        },
        onError: () => setPending(null),
      },
    );
  };

  const ask = (decision: Decision) => {
    decide.reset();
    if (comment.trim() === '') {
      setCommentError('Le commentaire est obligatoire.');
      return;
    }
    setCommentError(null);
    if (confirm) setPending(decision);
    else send(decision);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) send(pending);
  };

  const count = formatCount(targets.length, 'signalement sélectionné', 'signalements sélectionnés');
  const error = decide.error;
  return (
    <form id={formId} onSubmit={onSubmit} noValidate aria-label="Décision sur les signalements">
      <Input
        label="Commentaire (obligatoire)"
        hintText="Ajouté au fil de chaque signalement décidé ; la structure le lit."
        textArea
        state={commentError ? 'error' : 'default'}
        stateRelatedMessage={commentError ?? undefined}
        nativeTextAreaProps={{
          id: `${idPrefix}-commentaire`,
          value: comment,
          rows: 3,
          maxLength: 4000,
          required: true,
          onChange: (event) => {
            setComment(event.target.value);
            setPending(null);
          },
        }}
      />
      {pending === null ? (
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--icon-left')}>
          {!refused.ACCEPTED && (
            <li>
              <Button
                type="button"
                iconId="fr-icon-check-line"
                disabled={targets.length === 0 || decide.isPending}
                onClick={() => ask('ACCEPTED')}
              >
                {acceptLabel}
              </Button>
            </li>
          )}
          {!refused.TO_CORRECT && (
            <li>
              <Button
                type="button"
                priority="secondary"
                iconId="fr-icon-edit-line"
                disabled={targets.length === 0 || decide.isPending}
                onClick={() => ask('TO_CORRECT')}
              >
                {correctLabel}
              </Button>
            </li>
          )}
        </ul>
      ) : (
        <div className="tdb-panel fr-mb-2w" role="group" aria-label="Confirmation de la décision">
          <p className={fr.cx('fr-mb-1w')}>
            {pending === 'ACCEPTED'
              ? `Accepter la valeur de ${count} ?`
              : `Faire corriger ${count} ? Les saisies validées concernées seront renvoyées aux structures.`}
          </p>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
            <li>
              <Button type="submit" disabled={decide.isPending}>
                Confirmer la décision
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={() => setPending(null)}>
                Annuler
              </Button>
            </li>
          </ul>
        </div>
      )}
      <div aria-live="polite">
        {result && (
          <Alert severity="success" small className={fr.cx('fr-mb-2w')} description={resultText(result)} />
        )}
        {error && (
          <Alert
            severity="error"
            small
            role="alert"
            className={fr.cx('fr-mb-2w')}
            description={
              <>
                {error.message}
                {error.errors && error.errors.length > 0 && (
                  <ul aria-label="Signalements refusés">
                    {error.errors.map((e, index) => (
                      <li key={`${e.field}-${index}`}>{e.message}</li>
                    ))}
                  </ul>
                )}
              </>
            }
          />
        )}
      </div>
    </form>
  );
}
