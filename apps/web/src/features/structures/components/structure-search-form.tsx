import { useId, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { CompetenceCode, ReferenceData } from '@tdb/contracts';
import { COMPETENCE_CODES, type StructureSearchState } from '../utils/search-params';
import { COMPETENCE_LABELS } from '../utils/labels';

interface StructureSearchFormProps {
  state: StructureSearchState;
  /** The search box text (debounced into `state.q` by the page). */
  text: string;
  onTextChange: (text: string) => void;
  onSubmit: () => void;
  onChange: (patch: Partial<StructureSearchState>) => void;
  onReset: () => void;
  /** Undefined while the lists load (or when they failed): the filters are then disabled. */
  reference: ReferenceData | undefined;
  canReset: boolean;
}

function toggle<T>(values: readonly T[], value: T, checked: boolean): T[] {
  return checked ? [...values.filter((v) => v !== value), value] : values.filter((v) => v !== value);
}

export function StructureSearchForm({
  state,
  text,
  onTextChange,
  onSubmit,
  onChange,
  onReset,
  reference,
  canReset,
}: StructureSearchFormProps) {
  const hintId = useId();
  const regions = reference?.regions ?? [];
  const departments = (reference?.departments ?? []).filter(
    (d) => state.region === '' || d.regionCode === state.region,
  );
  const categories = reference?.categories ?? [];
  const disabled = reference === undefined;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };

  const categoryCount = state.category.length;

  return (
    <form role="search" aria-label="Rechercher une structure" onSubmit={handleSubmit} className="tdb-filters">
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-6')}>
          <Input
            label="Nom ou numéro FINESS"
            hintText="Par exemple : Les Chênes, ou un numéro FINESS à 9 caractères"
            nativeInputProps={{
              type: 'search',
              name: 'q',
              value: text,
              autoComplete: 'off',
              spellCheck: false,
              onChange: (event) => onTextChange(event.target.value),
              'aria-describedby': hintId,
            }}
            addon={
              <Button type="submit" iconId="fr-icon-search-line" iconPosition="left">
                Rechercher
              </Button>
            }
          />
          <p id={hintId} className="fr-sr-only">
            Les résultats se mettent à jour pendant la saisie.
          </p>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-3')}>
          <Select
            label="Région"
            disabled={disabled}
            nativeSelectProps={{
              name: 'region',
              value: state.region,
              onChange: (event) => onChange({ region: event.target.value, department: '' }),
            }}
          >
            <option value="">Toutes les régions</option>
            {regions.map((region) => (
              <option key={region.code} value={region.code}>
                {region.name}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-3')}>
          <Select
            label="Département"
            disabled={disabled}
            nativeSelectProps={{
              name: 'department',
              value: state.department,
              onChange: (event) => onChange({ department: event.target.value }),
            }}
          >
            <option value="">Tous les départements</option>
            {departments.map((department) => (
              <option key={department.code} value={department.code}>
                {department.code} – {department.name}
              </option>
            ))}
          </Select>
        </div>
      </div>

      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-9')}>
          <Checkbox
            legend="Compétence"
            orientation="horizontal"
            small
            disabled={disabled}
            options={COMPETENCE_CODES.map((code: CompetenceCode) => ({
              label: COMPETENCE_LABELS[code],
              nativeInputProps: {
                name: 'competence',
                value: code,
                checked: state.competence.includes(code),
                onChange: (event) =>
                  onChange({ competence: toggle(state.competence, code, event.target.checked) }),
              },
            }))}
          />
        </div>
        <div className={`${fr.cx('fr-col-12', 'fr-col-lg-3')} tdb-filters__reset`}>
          {canReset && (
            <Button type="button" priority="tertiary" iconId="fr-icon-close-circle-line" onClick={onReset}>
              Réinitialiser les filtres
            </Button>
          )}
        </div>
      </div>

      <Accordion
        label={
          categoryCount > 0
            ? `Catégories (${categoryCount} sélectionnée${categoryCount > 1 ? 's' : ''})`
            : 'Catégories'
        }
        titleAs="h2"
      >
        <Checkbox
          legend="Catégories d'établissements et services"
          hintText="Cochez une ou plusieurs catégories ; sans choix, toutes sont affichées."
          small
          disabled={disabled}
          classes={{ content: 'tdb-category-grid' }}
          options={categories.map((category) => ({
            label:
              category.shortLabel === category.label
                ? category.label
                : `${category.shortLabel} – ${category.label}`,
            nativeInputProps: {
              name: 'category',
              value: category.code,
              checked: state.category.includes(category.code),
              onChange: (event) =>
                onChange({ category: toggle(state.category, category.code, event.target.checked) }),
            },
          }))}
        />
      </Accordion>
    </form>
  );
}
