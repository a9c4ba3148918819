import { useId, useState, type ReactNode } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { ItemIssue, ItemValue, RegisterValueDto } from '@tdb/contracts';
import type { Item } from '@tdb/dictionary';
import type { Conflict } from '../utils/conflicts';
import { registerNote } from '../utils/register';
import { displayValue } from '../utils/values';
import { campaignLabel } from '../utils/labels';
import { ValueHistory } from './value-history';

export interface ItemFieldProps {
  year: number;
  finess: string;
  item: Item;
  required: boolean;
  text: string;
  /** The French message of a value the browser (or the API) refused. */
  error: string | undefined;
  conflict: Conflict | undefined;
  issues: readonly ItemIssue[];
  /** Drawn under the issues (the atypia flags raised on this item). */
  below?: ReactNode;
  /** The item's help (unit, bounds, counting, indicators), under its field. */
  help?: ReactNode;
  previous: ItemValue | undefined;
  previousYear: number | null;
  /** The value a State register (FINESS) gives the item, and the saved value it is compared with. */
  register?: RegisterValueDto;
  saved?: ItemValue;
  editable: boolean;
  /** Why the field is read only, when it is. */
  readOnlyNote: string | null;
  unsaved: boolean;
  onChange: (raw: string) => void;
  onBlur: () => void;
  onTakePrevious: () => void;
  onResolve: (keep: 'mine' | 'theirs') => void;
}

export function fieldId(code: string): string {
  return `donnee-${code}`;
}

/** One dictionary item: its input by type, help, last year's value, server issues and history. */
export function ItemField(props: ItemFieldProps) {
  const { item, required, text, error, editable } = props;
  const [historyOpen, setHistoryOpen] = useState(false);
  const historyId = useId();
  const id = fieldId(item.code);
  const note = registerNote(props.register, props.saved);
  const label = (
    <>
      {item.label}
      {item.unit ? ` (${item.unit})` : ''}
      {required && (
        <>
          {' '}
          <span aria-hidden="true" className="tdb-required">
            *
          </span>
          <span className="fr-sr-only"> (obligatoire)</span>
        </>
      )}
    </>
  );
  const hint = [item.help, props.readOnlyNote].filter(Boolean).join(' — ') || undefined;
  const state = error ? ('error' as const) : ('default' as const);
  const disabled = !editable;
  const common = { state, stateRelatedMessage: error, disabled };

  let control;
  switch (item.type) {
    case 'boolean':
      control = (
        <RadioButtons
          {...common}
          legend={label}
          hintText={hint}
          orientation="horizontal"
          name={id}
          options={[
            { label: 'Oui', value: 'true' },
            { label: 'Non', value: 'false' },
          ].map((option) => ({
            label: option.label,
            nativeInputProps: {
              value: option.value,
              checked: text === option.value,
              onChange: () => props.onChange(option.value),
              onBlur: props.onBlur,
            },
          }))}
        />
      );
      break;
    case 'choice':
      control = (
        <Select
          {...common}
          label={label}
          hint={hint}
          nativeSelectProps={{
            id,
            value: text,
            onChange: (event) => props.onChange(event.target.value),
            onBlur: props.onBlur,
          }}
        >
          <option value="">Sélectionnez une réponse</option>
          {(item.choices ?? []).map((choice) => (
            <option key={choice.code} value={choice.code}>
              {choice.label}
            </option>
          ))}
        </Select>
      );
      break;
    case 'text':
      control = (
        <Input
          {...common}
          label={label}
          hintText={hint}
          textArea
          nativeTextAreaProps={{
            id,
            value: text,
            rows: 3,
            onChange: (event) => props.onChange(event.target.value),
            onBlur: props.onBlur,
          }}
        />
      );
      break;
    case 'date':
      control = (
        <Input
          {...common}
          label={label}
          hintText={hint}
          nativeInputProps={{
            id,
            type: 'date',
            value: text,
            onChange: (event) => props.onChange(event.target.value),
            onBlur: props.onBlur,
          }}
        />
      );
      break;
    default:
      control = (
        <Input
          {...common}
          label={label}
          hintText={
            hint ??
            (item.type === 'integer' ? 'Nombre entier' : 'Nombre, décimales avec une virgule (ex. : 12,5)')
          }
          nativeInputProps={{
            id,
            type: 'text',
            inputMode: item.type === 'integer' ? 'numeric' : 'decimal',
            autoComplete: 'off',
            value: text,
            onChange: (event) => props.onChange(event.target.value),
            onBlur: props.onBlur,
          }}
        />
      );
  }

  const hasPrevious = props.previous !== undefined && props.previous !== null;
  return (
    <div className="tdb-item" id={`${id}-bloc`}>
      {control}
      {props.help}
      {props.conflict && (
        <div className="tdb-conflict" role="group" aria-label={`Conflit sur « ${item.label} »`}>
          <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
            Cette donnée a été modifiée par quelqu'un d'autre. Valeur enregistrée :{' '}
            <strong>{displayValue(item, props.conflict.theirs)}</strong> ; votre valeur :{' '}
            <strong>{displayValue(item, props.conflict.mine)}</strong>.
          </p>
          <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
            <li>
              <Button size="small" onClick={() => props.onResolve('mine')}>
                Garder ma valeur
              </Button>
            </li>
            <li>
              <Button size="small" priority="secondary" onClick={() => props.onResolve('theirs')}>
                Garder la valeur enregistrée
              </Button>
            </li>
          </ul>
        </div>
      )}
      {props.issues.length > 0 && (
        <ul className="tdb-issues">
          {props.issues.map((issue, index) => (
            <li
              key={index}
              className={issue.blocking ? 'tdb-issue tdb-issue--blocking' : 'tdb-issue tdb-issue--warning'}
            >
              <span className="fr-sr-only">
                {issue.blocking ? 'Erreur bloquante : ' : 'Avertissement : '}
              </span>
              {issue.message}
            </li>
          ))}
        </ul>
      )}
      {props.below}
      <div className="tdb-item__tools">
        {note?.kind === 'source' && (
          <p
            className={fr.cx('fr-badge', 'fr-badge--sm', 'fr-badge--info', 'fr-mb-0')}
            data-register-source=""
          >
            {note.text}
          </p>
        )}
        {note?.kind === 'compare' && <span className={fr.cx('fr-text--xs', 'fr-mb-0')}>{note.text}</span>}
        {props.previousYear !== null && (
          <span className={fr.cx('fr-text--xs', 'fr-mb-0')}>
            {campaignLabel(props.previousYear)} :{' '}
            {hasPrevious ? displayValue(item, props.previous ?? null) : 'non renseignée'}
          </span>
        )}
        {editable && hasPrevious && (
          // The visible text starts the accessible name (no aria-label that would differ from it).
          <Button
            size="small"
            priority="tertiary no outline"
            iconId="fr-icon-arrow-go-back-line"
            onClick={props.onTakePrevious}
          >
            Reprendre N-1{' '}
            <span className="fr-sr-only">{`: la valeur ${props.previousYear ?? ''} de « ${item.label} »`}</span>
          </Button>
        )}
        <Button
          size="small"
          priority="tertiary no outline"
          iconId="fr-icon-time-line"
          onClick={() => setHistoryOpen((open) => !open)}
          nativeButtonProps={{ 'aria-expanded': historyOpen, 'aria-controls': historyId }}
        >
          Historique <span className="fr-sr-only">{`de « ${item.label} »`}</span>
        </Button>
        {props.unsaved && (
          <span className={fr.cx('fr-text--xs', 'fr-mb-0')}>Modification non enregistrée</span>
        )}
      </div>
      {historyOpen && (
        <section id={historyId} className="tdb-history-panel" aria-label={`Historique de « ${item.label} »`}>
          <ValueHistory year={props.year} finess={props.finess} item={item} />
        </section>
      )}
    </div>
  );
}
