import { useEffect, useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { AuthorityRef, CampaignMailingKind, MailingPreview, MailingResult } from '@tdb/contracts';
import { formatCount } from '@/lib/format';
import { usePreviewMailing, useSendMailing } from '../api/mailings';
import { authorityKey, type AuthorityAccess } from '@/lib/auth/authorities';
import { AuthorityPicker, useAuthorityChoice } from './authority-picker';

/** The placeholders the API fills in each email. */
export const PLACEHOLDERS: { code: string; text: string }[] = [
  { code: '{structure}', text: 'nom de la structure' },
  { code: '{finess}', text: 'numéro FINESS de la structure' },
  { code: '{statut}', text: 'statut de la saisie' },
  { code: '{completude}', text: 'complétude de la saisie' },
  { code: '{date_debut}', text: 'début de la collecte' },
  { code: '{date_limite}', text: 'fin de la collecte' },
  { code: '{lien}', text: 'lien vers la saisie de la structure' },
  { code: '{annee}', text: 'année de la campagne' },
  { code: '{autorite}', text: "nom de l'ARS ou du conseil départemental" },
];

const TEXTS: Record<
  CampaignMailingKind,
  { title: string; send: string; confirm: (n: number) => string; sent: string; pending: string }
> = {
  REMINDER: {
    title: 'Relancer les structures en retard',
    send: 'Envoyer la relance',
    confirm: (n) => `Envoyer la relance à ${formatCount(n, 'structure', 'structures')} ?`,
    sent: 'Relance envoyée',
    pending: 'Envoi de la relance…',
  },
  LAUNCH: {
    title: 'Courriel de lancement',
    send: 'Envoyer le courriel de lancement',
    confirm: (n) => `Envoyer le courriel de lancement à ${formatCount(n, 'structure', 'structures')} ?`,
    sent: 'Courriel de lancement envoyé',
    pending: 'Envoi du courriel…',
  },
};

interface Draft {
  subject: string;
  body: string;
}

type Errors = Partial<Record<keyof Draft, string>>;

function check(draft: Draft): Errors {
  const errors: Errors = {};
  const subject = draft.subject.trim();
  if (subject.length < 3) errors.subject = "L'objet doit compter au moins 3 caractères.";
  else if (subject.length > 200) errors.subject = "L'objet ne doit pas dépasser 200 caractères.";
  const body = draft.body.trim();
  if (body.length < 10) errors.body = 'Le message doit compter au moins 10 caractères.';
  else if (body.length > 10000) errors.body = 'Le message ne doit pas dépasser 10 000 caractères.';
  return errors;
}

function Counts({ preview }: { preview: MailingPreview | MailingResult }) {
  return (
    <ul className={fr.cx('fr-mb-2w')}>
      <li>{formatCount(preview.structures, 'structure concernée', 'structures concernées')}</li>
      <li>{formatCount(preview.recipients, 'destinataire', 'destinataires')}</li>
      <li>
        {formatCount(preview.withoutRecipient, 'structure sans destinataire', 'structures sans destinataire')}
      </li>
    </ul>
  );
}

/**
 * Writes an email to the structures of an ARS or a CD (the reminder of the late ones, or the launch
 * email): prefilled from the API's template, previewed on a sample, then sent after confirmation.
 */
export function MailingComposer({
  year,
  kind,
  access,
}: {
  year: number;
  kind: CampaignMailingKind;
  access: AuthorityAccess;
}) {
  const texts = TEXTS[kind];
  const idPrefix = kind === 'REMINDER' ? 'relance' : 'lancement';
  const { value: authority, onChange: setAuthority, own } = useAuthorityChoice(access, 'communicate');
  const [draft, setDraft] = useState<Draft>({ subject: '', body: '' });
  const [errors, setErrors] = useState<Errors>({});
  /** The preview shown, and the text it was made from (sending needs an up-to-date preview). */
  const [shown, setShown] = useState<{ key: string; draft: Draft; preview: MailingPreview } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<MailingResult | null>(null);
  const preview = usePreviewMailing(year, kind);
  const send = useSendMailing(year, kind);
  const confirmRef = useRef<HTMLDivElement>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const key = authority ? authorityKey(authority) : null;
  const loadTemplate = preview.mutate;
  const resetSend = send.reset;

  // A new authority: load its template (and a first preview).
  useEffect(() => {
    setShown(null);
    setConfirming(false);
    setResult(null);
    resetSend();
    if (!key || !authority) return;
    const organisation: AuthorityRef = { kind: authority.kind, code: authority.code };
    loadTemplate(
      { organisation },
      {
        onSuccess: (p) => {
          const template = { subject: p.subject, body: p.body };
          setDraft(template);
          setErrors({});
          setShown({ key, draft: template, preview: p });
        },
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per authority
  }, [key]);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (result || send.error) outcomeRef.current?.focus();
  }, [result, send.error]);

  const upToDate =
    shown !== null &&
    shown.key === key &&
    shown.draft.subject === draft.subject &&
    shown.draft.body === draft.body;

  const request = (current: Draft) =>
    authority
      ? { organisation: authority, subject: current.subject.trim(), body: current.body.trim() }
      : null;

  const onPreview = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = check(draft);
    setErrors(found);
    const first = (['subject', 'body'] as const).find((f) => found[f]);
    if (first) {
      event.currentTarget.querySelector<HTMLElement>(`[name="${idPrefix}-${first}"]`)?.focus();
      return;
    }
    const body = request(draft);
    if (!body || !key) return;
    const snapshot = { ...draft };
    setConfirming(false);
    setResult(null);
    send.reset();
    preview.mutate(body, { onSuccess: (p) => setShown({ key, draft: snapshot, preview: p }) });
  };

  const onSend = () => {
    const body = request(draft);
    if (!body) return;
    send.mutate(body, {
      onSuccess: (r) => {
        setResult(r);
        setConfirming(false);
      },
      onError: () => setConfirming(false),
    });
  };

  const set = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setConfirming(false);
  };
  const apiField = (field: string) => preview.error?.errors?.find((e) => e.field === field)?.message;
  const subjectError = errors.subject ?? apiField('subject');
  const bodyError = errors.body ?? apiField('body');
  const current = upToDate ? shown.preview : null;

  return (
    <section className="tdb-panel fr-mb-4w" aria-labelledby={`${idPrefix}-titre`}>
      <h2 id={`${idPrefix}-titre`} className={fr.cx('fr-h5')}>
        {texts.title}
      </h2>
      <AuthorityPicker
        access={access}
        own={own}
        value={authority}
        onChange={setAuthority}
        legend="Au nom de"
        hint="Le courriel part au nom de cette autorité, vers les structures de son périmètre."
        idPrefix={idPrefix}
      />
      {!authority ? (
        <p className={fr.cx('fr-text--sm')}>Choisissez l'autorité au nom de laquelle écrire.</p>
      ) : (
        <form onSubmit={onPreview} noValidate aria-label={texts.title}>
          {preview.isPending && !shown && <p className={fr.cx('fr-text--sm')}>Chargement du modèle…</p>}
          {preview.error && (
            <Alert
              className={fr.cx('fr-mb-2w')}
              severity="error"
              role="alert"
              small
              description={preview.error.message}
            />
          )}
          <Input
            label="Objet"
            state={subjectError ? 'error' : 'default'}
            stateRelatedMessage={subjectError}
            nativeInputProps={{
              name: `${idPrefix}-subject`,
              value: draft.subject,
              maxLength: 200,
              onChange: (event) => set({ subject: event.target.value }),
            }}
          />
          <Input
            label="Message"
            textArea
            hintText="Les variables entre accolades sont remplacées pour chaque structure."
            state={bodyError ? 'error' : 'default'}
            stateRelatedMessage={bodyError}
            nativeTextAreaProps={{
              name: `${idPrefix}-body`,
              value: draft.body,
              rows: 10,
              onChange: (event) => set({ body: event.target.value }),
            }}
          />
          <details className={fr.cx('fr-mb-2w')}>
            <summary>Variables disponibles</summary>
            <ul className={fr.cx('fr-text--sm')}>
              {PLACEHOLDERS.map((p) => (
                <li key={p.code}>
                  <code>{p.code}</code> : {p.text}
                </li>
              ))}
            </ul>
          </details>
          <Button type="submit" priority="secondary" iconId="fr-icon-eye-line" disabled={preview.isPending}>
            {preview.isPending ? 'Prévisualisation…' : 'Prévisualiser'}
          </Button>
        </form>
      )}

      {authority && current && (
        <div className={fr.cx('fr-mt-3w')} aria-live="polite">
          <h3 className={fr.cx('fr-h6')}>Aperçu</h3>
          <Counts preview={current} />
          {current.withoutRecipient > 0 && (
            <Alert
              className={fr.cx('fr-mb-2w')}
              severity="warning"
              small
              description={`${formatCount(current.withoutRecipient, 'structure', 'structures')} sans compte à qui écrire ${current.withoutRecipient > 1 ? 'ne recevront' : 'ne recevra'} pas ce courriel.`}
            />
          )}
          {current.sample ? (
            <div className="tdb-email-sample fr-mb-2w">
              <p className={fr.cx('fr-mb-1w')}>
                <strong>À :</strong> {current.sample.to}
                <br />
                <strong>Objet :</strong> {current.sample.subject}
              </p>
              <pre className="tdb-email-text">{current.sample.body}</pre>
            </div>
          ) : (
            <p className={fr.cx('fr-text--sm')}>Aucune structure à qui écrire : pas d'exemple à montrer.</p>
          )}
          {!confirming ? (
            <Button
              iconId="fr-icon-mail-line"
              disabled={send.isPending || current.structures === 0}
              onClick={() => {
                setResult(null);
                send.reset();
                setConfirming(true);
              }}
            >
              {texts.send}
            </Button>
          ) : (
            <div ref={confirmRef} tabIndex={-1}>
              <Alert
                severity="warning"
                title={texts.confirm(current.structures)}
                description={
                  <>
                    <span>
                      {formatCount(current.recipients, 'destinataire recevra', 'destinataires recevront')} ce
                      courriel. L'envoi ne peut pas être annulé.
                    </span>
                    <span className={fr.cx('fr-mt-2w')} style={{ display: 'block' }}>
                      <Button
                        size="small"
                        className={fr.cx('fr-mr-2w')}
                        disabled={send.isPending}
                        onClick={onSend}
                      >
                        {send.isPending ? texts.pending : "Confirmer l'envoi"}
                      </Button>
                      <Button
                        size="small"
                        priority="secondary"
                        disabled={send.isPending}
                        onClick={() => setConfirming(false)}
                      >
                        Annuler
                      </Button>
                    </span>
                  </>
                }
              />
            </div>
          )}
        </div>
      )}
      {authority && shown && !upToDate && (
        <p className={fr.cx('fr-text--sm', 'fr-mt-2w')}>
          Le texte a changé : prévisualisez-le à nouveau avant de l'envoyer.
        </p>
      )}

      <div ref={outcomeRef} tabIndex={-1} className={fr.cx('fr-mt-2w')}>
        {result && (
          <Alert
            severity="success"
            role="status"
            title={texts.sent}
            description={<Counts preview={result} />}
          />
        )}
        {send.error && (
          <Alert
            severity="error"
            role="alert"
            title="L'envoi n'a pas eu lieu"
            description={send.error.message}
          />
        )}
      </div>
    </section>
  );
}
