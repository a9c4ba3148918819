import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useQueryClient } from '@tanstack/react-query';
import type { ReferenceCategory } from '@tdb/contracts';
import { useCorrectStructureCategory } from '../api/correct-structure-category';
import { getStructureQueryOptions, type StructureDetailResponse } from '../api/get-structure';

/** As the API checks them (CorrectCategoryDto). */
export const REASON_MIN_LENGTH = 5;
export const REASON_MAX_LENGTH = 2000;

interface CategoryCorrectionFormProps {
  structure: StructureDetailResponse;
  /** The categories the caller may choose (the access policy's answer for this structure). */
  categories: readonly ReferenceCategory[];
  /** Why some categories are not offered, when they are not all (e.g. out of the caller's competence). */
  restriction?: string | null;
  onCancel: () => void;
  onCorrected: (structure: StructureDetailResponse, previousCategoryLabel: string) => void;
  id?: string;
}

interface FieldErrors {
  categoryCode?: string;
  reason?: string;
}

/** The form to correct a structure's category by hand; sends the version the user saw. */
export function CategoryCorrectionForm({
  structure,
  categories,
  restriction = null,
  onCancel,
  onCorrected,
  id,
}: CategoryCorrectionFormProps) {
  const titleId = useId();
  const [categoryCode, setCategoryCode] = useState('');
  const [reason, setReason] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const mutation = useCorrectStructureCategory(structure.finess);
  const queryClient = useQueryClient();
  const selectRef = useRef<HTMLSelectElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    selectRef.current?.focus();
  }, []);

  const apiError = mutation.error;
  const isConflict = apiError?.statusCode === 409;

  useEffect(() => {
    if (apiError) errorRef.current?.focus();
  }, [apiError]);

  const validate = (): FieldErrors => {
    const errors: FieldErrors = {};
    if (categoryCode === '') errors.categoryCode = 'Choisissez la nouvelle catégorie.';
    else if (categoryCode === structure.categoryCode)
      errors.categoryCode = 'Choisissez une catégorie différente de la catégorie actuelle.';
    if (reason.trim() === '') errors.reason = 'Indiquez le motif de la correction.';
    else if (reason.trim().length < REASON_MIN_LENGTH)
      errors.reason = `Le motif doit compter au moins ${REASON_MIN_LENGTH} caractères.`;
    else if (reason.trim().length > REASON_MAX_LENGTH)
      errors.reason = `Le motif ne doit pas dépasser ${REASON_MAX_LENGTH} caractères.`;
    return errors;
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = validate();
    setFieldErrors(errors);
    if (errors.categoryCode || errors.reason) {
      const form = event.currentTarget;
      const first = errors.categoryCode ? 'categoryCode' : 'reason';
      form.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    const previousCategoryLabel = structure.categoryLabel;
    mutation.mutate(
      { categoryCode, reason: reason.trim(), version: structure.version },
      { onSuccess: (updated) => onCorrected(updated, previousCategoryLabel) },
    );
  };

  // Field errors returned by the API (400) are shown on their field too.
  const apiFieldError = (field: keyof FieldErrors) =>
    apiError?.errors?.find((e) => e.field === field)?.message;
  const categoryError = fieldErrors.categoryCode ?? apiFieldError('categoryCode');
  const reasonError = fieldErrors.reason ?? apiFieldError('reason');

  const reload = () => {
    mutation.reset();
    void queryClient.invalidateQueries({ queryKey: getStructureQueryOptions(structure.finess).queryKey });
  };

  return (
    <section id={id} aria-labelledby={titleId} className="tdb-panel">
      <h2 id={titleId} className={fr.cx('fr-h5')}>
        Corriger la catégorie
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Catégorie actuelle : <strong>{structure.categoryLabel}</strong> (catégorie FINESS{' '}
        {structure.finessCategoryCode}). La correction prévaut sur la catégorie FINESS lors des imports
        suivants et figure dans l’historique.
      </p>
      <p className={fr.cx('fr-text--sm')}>
        Les données de la campagne en cours suivent la nouvelle catégorie : données attendues, complétude,
        indicateurs et groupe de pairs. L’autre autorité compétente et les administrateurs de la structure
        sont informés par courriel.
      </p>
      {restriction && <p className={fr.cx('fr-text--sm')}>{restriction}</p>}
      <p className={fr.cx('fr-text--sm', 'fr-mb-2w')}>Tous les champs sont obligatoires.</p>

      {apiError && (
        <div ref={errorRef} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
          <Alert
            severity="error"
            role="alert"
            title={
              isConflict ? 'La fiche a été modifiée entre-temps' : "La correction n'a pas été enregistrée"
            }
            description={
              <>
                <span>{apiError.message}</span>
                {isConflict && (
                  <span style={{ display: 'block' }} className={fr.cx('fr-mt-2w')}>
                    <Button
                      type="button"
                      size="small"
                      priority="secondary"
                      iconId="fr-icon-refresh-line"
                      onClick={reload}
                    >
                      Recharger la fiche
                    </Button>
                  </span>
                )}
              </>
            }
          />
        </div>
      )}

      <form onSubmit={handleSubmit} noValidate>
        <Select
          label="Nouvelle catégorie"
          state={categoryError ? 'error' : 'default'}
          stateRelatedMessage={categoryError}
          nativeSelectProps={{
            name: 'categoryCode',
            value: categoryCode,
            required: true,
            ref: selectRef,
            onChange: (event) => setCategoryCode(event.target.value),
          }}
        >
          <option value="" disabled>
            Sélectionnez une catégorie
          </option>
          {categories.map((category) => (
            <option
              key={category.code}
              value={category.code}
              disabled={category.code === structure.categoryCode}
            >
              {category.shortLabel === category.label
                ? category.label
                : `${category.shortLabel} – ${category.label}`}
              {category.code === structure.categoryCode ? ' (catégorie actuelle)' : ''}
            </option>
          ))}
        </Select>
        <Input
          label="Motif de la correction"
          hintText="Par exemple : autorisation du 12 mars 2024 requalifiant l’établissement. Le motif est conservé dans l’historique."
          textArea
          state={reasonError ? 'error' : 'default'}
          stateRelatedMessage={reasonError}
          nativeTextAreaProps={{
            name: 'reason',
            value: reason,
            required: true,
            rows: 4,
            maxLength: REASON_MAX_LENGTH,
            onChange: (event) => setReason(event.target.value),
          }}
        />
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
          <li>
            <Button type="submit" iconId="fr-icon-check-line" disabled={mutation.isPending}>
              {mutation.isPending ? 'Enregistrement…' : 'Enregistrer la correction'}
            </Button>
          </li>
          <li>
            <Button type="button" priority="secondary" onClick={onCancel} disabled={mutation.isPending}>
              Annuler
            </Button>
          </li>
        </ul>
      </form>
    </section>
  );
}
