import { useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { SupportThread } from '@tdb/contracts';
import { useAskQuestion } from '../api/questions';
import { pageLabel } from '../utils/labels';

export interface AskQuestionFormProps {
  year: number;
  /** The ESMS the account may ask about (its own, or those of its OG). */
  structures: readonly { finess: string; name: string }[];
  finess?: string;
  pagePath?: string;
  itemCode?: string;
  itemLabel?: string;
  indicatorCode?: string;
  onAsked: (thread: SupportThread) => void;
}

/**
 * « Poser une question »: to the referents of the structure's ARS and / or Département, with the
 * page it was asked from and the item or indicator concerned (prefilled from the link followed).
 */
export function AskQuestionForm(props: AskQuestionFormProps) {
  const { year, structures, pagePath, itemCode, itemLabel, indicatorCode, onAsked } = props;
  const ask = useAskQuestion(year);
  const [finess, setFiness] = useState(props.finess ?? structures[0]?.finess ?? '');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<{ subject?: string; body?: string; finess?: string }>({});

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!finess) found.finess = 'Choisissez la structure concernée.';
    if (subject.trim().length < 3) found.subject = 'Donnez un objet d’au moins 3 caractères.';
    if (body.trim().length < 3) found.body = 'Écrivez votre question.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    ask.mutate(
      {
        finess,
        subject: subject.trim(),
        body: body.trim(),
        pagePath: pagePath || undefined,
        itemCode: itemCode || undefined,
        indicatorCode: indicatorCode || undefined,
      },
      { onSuccess: onAsked },
    );
  };

  const page = pageLabel(pagePath ?? null);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Poser une question">
      {structures.length > 1 ? (
        <Select
          label="Structure concernée"
          state={errors.finess ? 'error' : 'default'}
          stateRelatedMessage={errors.finess}
          nativeSelectProps={{ value: finess, onChange: (e) => setFiness(e.target.value), required: true }}
        >
          {structures.map((s) => (
            <option key={s.finess} value={s.finess}>
              {s.name} ({s.finess})
            </option>
          ))}
        </Select>
      ) : structures[0] ? (
        <p>
          Structure concernée : <strong>{structures[0].name}</strong> ({structures[0].finess})
        </p>
      ) : (
        <Alert
          severity="warning"
          small
          description="Aucune structure de votre périmètre pour cette campagne."
        />
      )}
      {(page || itemCode || indicatorCode) && (
        <ul className={fr.cx('fr-text--sm')} aria-label="Joint à la question">
          {page && <li>Page : {page}</li>}
          {itemCode && <li>Donnée : {itemLabel ? `${itemLabel} (${itemCode})` : itemCode}</li>}
          {indicatorCode && <li>Indicateur : {indicatorCode}</li>}
        </ul>
      )}
      <Input
        label="Objet"
        state={errors.subject ? 'error' : 'default'}
        stateRelatedMessage={errors.subject}
        nativeInputProps={{
          value: subject,
          maxLength: 200,
          required: true,
          onChange: (e) => setSubject(e.target.value),
        }}
      />
      <Input
        label="Votre question"
        hintText="Elle est adressée aux référents TDB de votre ARS et / ou de votre Département, qui vous répondent ici ; vous êtes prévenu par courriel."
        textArea
        state={errors.body ? 'error' : 'default'}
        stateRelatedMessage={errors.body}
        nativeTextAreaProps={{
          value: body,
          rows: 6,
          maxLength: 5000,
          required: true,
          onChange: (e) => setBody(e.target.value),
        }}
      />
      <Button type="submit" disabled={ask.isPending || structures.length === 0}>
        Envoyer la question
      </Button>
      <div aria-live="polite" className={fr.cx('fr-mt-2w')}>
        {ask.error && <Alert severity="error" small role="alert" description={ask.error.message} />}
      </div>
    </form>
  );
}
