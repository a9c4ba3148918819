import { useEffect, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { SubmissionActionCode, SubmissionDetail } from '@tdb/contracts';
import { ACTION_LABELS, actionsOfRole } from '@tdb/submission-workflow';
import { UnavailableActions } from '@/components/ui/unavailable-actions';
import type { ApiClientError } from '@/lib/api-client';
import { useTransitionSubmission } from '../api/transition-submission';
import { withFieldLabel } from '../utils/labels';

type Action = Exclude<SubmissionActionCode, 'SAVE'>;

const ORDER: Action[] = ['VALIDATE', 'CONFIRM', 'MARK_CONSULTED', 'REOPEN', 'UNCONFIRM', 'INVALIDATE'];

const DONE: Record<Action, string> = {
  VALIDATE: 'La saisie est validée.',
  REOPEN: 'La saisie est rouverte.',
  INVALIDATE: 'La saisie est invalidée : la structure est invitée à la reprendre.',
  CONFIRM: 'La saisie est confirmée.',
  MARK_CONSULTED: 'La saisie est marquée comme consultée.',
  UNCONFIRM: 'La confirmation est annulée.',
};

/**
 * The workflow buttons the API allows now and, for the caller's other actions, why not (the API's
 * `actions`). Pending values are saved first, so the transition applies to what the user sees;
 * INVALIDATE asks for a mandatory reason. The outcome stays shown once no button is left.
 */
export function TransitionActions({
  detail,
  beforeTransition,
  fieldLabel,
}: {
  detail: SubmissionDetail;
  /** Saves pending changes; resolves with the version to send. */
  beforeTransition: () => Promise<number>;
  fieldLabel: (field: string) => string;
}) {
  const transition = useTransitionSubmission(detail.campaignYear);
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ApiClientError | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);
  const allowed = new Set(detail.actions.filter((o) => o.allowed).map((o) => o.action));
  const actions = ORDER.filter((a) => allowed.has(a));
  // The caller's part of the work refused now, with the machine's reason (issue 15 §2).
  const ownActions: readonly string[] = detail.role ? actionsOfRole(detail.role) : [];
  const refused = ORDER.flatMap((action) => {
    const option = detail.actions.find((o) => o.action === action);
    return option && !option.allowed && option.reason && ownActions.includes(action)
      ? [{ label: ACTION_LABELS[action], reason: option.reason }]
      : [];
  });

  useEffect(() => {
    if (reasonOpen) reasonRef.current?.focus();
  }, [reasonOpen]);
  useEffect(() => {
    if (done || refusal) feedbackRef.current?.focus();
  }, [done, refusal]);

  const run = async (action: Action, withReason?: string) => {
    setDone(null);
    setRefusal(null);
    const version = await beforeTransition();
    transition.mutate(
      {
        finess: detail.finess,
        request: withReason ? { action, version, reason: withReason } : { action, version },
      },
      {
        onSuccess: () => {
          setDone(DONE[action]);
          setReasonOpen(false);
          setReason('');
        },
        onError: (error) => setRefusal(error),
      },
    );
  };

  if (actions.length === 0 && refused.length === 0 && !done && !refusal) return null;
  return (
    <div className="tdb-actions">
      {actions.length > 0 && (
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
          {actions.map((action) => (
            <li key={action}>
              <Button
                priority={action === 'VALIDATE' || action === 'CONFIRM' ? 'primary' : 'secondary'}
                disabled={transition.isPending}
                onClick={() => {
                  if (action === 'INVALIDATE') {
                    setReasonOpen(true);
                    setReasonError(null);
                  } else void run(action);
                }}
                {...(action === 'INVALIDATE'
                  ? {
                      nativeButtonProps: {
                        'aria-expanded': reasonOpen,
                        'aria-controls': 'motif-invalidation',
                      },
                    }
                  : {})}
              >
                {ACTION_LABELS[action]}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <UnavailableActions actions={refused} />
      {reasonOpen && (
        <form
          id="motif-invalidation"
          className="tdb-panel fr-mb-2w"
          aria-label="Invalider la saisie"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (reason.trim() === '') {
              setReasonError("Indiquez le motif de l'invalidation : il est transmis à la structure.");
              reasonRef.current?.focus();
              return;
            }
            void run('INVALIDATE', reason.trim());
          }}
        >
          <Input
            label="Motif de l'invalidation (obligatoire)"
            hintText="Expliquez à la structure ce qu'elle doit corriger."
            textArea
            state={reasonError ? 'error' : 'default'}
            stateRelatedMessage={reasonError ?? undefined}
            nativeTextAreaProps={{
              ref: reasonRef,
              value: reason,
              required: true,
              onChange: (event) => setReason(event.target.value),
            }}
          />
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
            <li>
              <Button type="submit" disabled={transition.isPending}>
                Confirmer l'invalidation
              </Button>
            </li>
            <li>
              <Button type="button" priority="secondary" onClick={() => setReasonOpen(false)}>
                Annuler
              </Button>
            </li>
          </ul>
        </form>
      )}
      <div ref={feedbackRef} tabIndex={-1}>
        {done && (
          <Alert
            severity="success"
            small
            role="status"
            description={done}
            closable
            onClose={() => setDone(null)}
          />
        )}
        {refusal && (
          <Alert
            severity="error"
            role="alert"
            as="h3"
            title="Action refusée"
            description={
              <>
                <span>{refusal.message}</span>
                {refusal.errors && refusal.errors.length > 0 && (
                  <ul className={fr.cx('fr-mt-1w')}>
                    {refusal.errors.map((e, index) => (
                      <li key={index}>
                        {e.field ? withFieldLabel(fieldLabel(e.field), e.message) : e.message}
                      </li>
                    ))}
                  </ul>
                )}
              </>
            }
          />
        )}
      </div>
    </div>
  );
}
