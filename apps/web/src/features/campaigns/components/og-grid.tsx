import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useQueryClient } from '@tanstack/react-query';
import type { BulkRequest, DomainCode, ItemValue, OgSubmissionDetail, ValueMap } from '@tdb/contracts';
import { DOMAINS, DOMAIN_LABELS, type Dictionary, type Item } from '@tdb/dictionary';
import { ACTION_LABELS } from '@tdb/submission-workflow';
import { isApiClientError, type ApiClientError } from '@/lib/api-client';
import { bulkSave } from '../api/bulk-save';
import { getOrganisationEntryQueryOptions } from '../api/get-organisation-entry';
import { useTransitionSubmission } from '../api/transition-submission';
import { percent } from '@/lib/format';
import { checkInput, displayValue, sameValue, toInputText } from '../utils/values';
import { SubmissionStatusBadge } from '@/components/ui/submission-status-badge';
import { paths } from '@/lib/paths';

/** The key of the organisme gestionnaire's own row of edits. */
const OG = '__og__';

type Row = OgSubmissionDetail['structures'][number];

function appliesTo(item: Item, categoryCode: string): boolean {
  return item.categories === 'ALL' || item.categories.includes(categoryCode);
}

function CellInput({
  item,
  label,
  text,
  error,
  changed,
  onChange,
}: {
  item: Item;
  label: string;
  text: string;
  error: string | undefined;
  changed: boolean;
  onChange: (raw: string) => void;
}) {
  const className = `fr-input ${error ? 'tdb-cell--error' : changed ? 'tdb-cell--changed' : ''}`;
  const describedBy = error ? { 'aria-describedby': undefined, 'aria-invalid': true as const } : {};
  if (item.type === 'boolean' || item.type === 'choice') {
    const options =
      item.type === 'boolean'
        ? [
            { code: 'true', label: 'Oui' },
            { code: 'false', label: 'Non' },
          ]
        : (item.choices ?? []);
    return (
      <select
        className={className.replace('fr-input', 'fr-select')}
        aria-label={label}
        value={text}
        onChange={(event) => onChange(event.target.value)}
        {...describedBy}
      >
        <option value="">—</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      className={className}
      aria-label={label}
      type={item.type === 'date' ? 'date' : 'text'}
      inputMode={
        item.type === 'integer'
          ? 'numeric'
          : item.type === 'text' || item.type === 'date'
            ? undefined
            : 'decimal'
      }
      value={text}
      onChange={(event) => onChange(event.target.value)}
      {...describedBy}
    />
  );
}

interface BulkProblem {
  key: string;
  code: string | null;
  message: string;
}

/**
 * The entry of an organisme gestionnaire: its own (OG-level) items and a grid of its structures ×
 * the items of one domain. Only the changed cells are sent, in one all-or-nothing bulk call carrying
 * each structure's version; refused cells are shown where they are.
 */
export function OgGrid({ detail, dictionary }: { detail: OgSubmissionDetail; dictionary: Dictionary }) {
  const year = detail.campaign.year;
  const queryClient = useQueryClient();
  const transition = useTransitionSubmission(year);
  const categories = useMemo(() => [...new Set(detail.structures.map((s) => s.categoryCode))], [detail]);
  const applicable = dictionary.items.filter((item) => categories.some((c) => appliesTo(item, c)));
  const ogItems = applicable.filter((item) => item.ogLevel);
  const gridItems = applicable.filter((item) => !item.ogLevel);
  const domains = DOMAINS.filter((d) => gridItems.some((item) => item.domain === d));
  const [domain, setDomain] = useState<DomainCode>(domains[0] ?? 'CARACTERISATION');
  const [edits, setEdits] = useState<Record<string, Record<string, string>>>({});
  const [problems, setProblems] = useState<BulkProblem[]>([]);
  const [saveError, setSaveError] = useState<ApiClientError | string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [rowMessage, setRowMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const itemsByCode = useMemo(() => new Map(dictionary.items.map((i) => [i.code, i])), [dictionary]);
  const columns = gridItems.filter((item) => item.domain === domain);

  const original = (key: string, code: string): ItemValue =>
    (key === OG ? detail.values : detail.structures.find((s) => s.finess === key)?.values)?.[code] ?? null;
  const textOf = (key: string, code: string) => edits[key]?.[code] ?? toInputText(original(key, code));
  const checkOf = (key: string, code: string) => {
    const raw = edits[key]?.[code];
    const item = itemsByCode.get(code);
    if (raw === undefined || !item) return null;
    return checkInput(item, raw);
  };
  const serverProblem = (key: string, code: string) =>
    problems.find((p) => p.key === key && p.code === code)?.message;
  const errorOf = (key: string, code: string) => {
    const checked = checkOf(key, code);
    if (checked && !checked.ok) return checked.message;
    return serverProblem(key, code);
  };
  const isChanged = (key: string, code: string) => {
    const checked = checkOf(key, code);
    return checked !== null && checked.ok && !sameValue(checked.value, original(key, code));
  };
  const edit = (key: string, code: string, raw: string) => {
    setSaved(null);
    setProblems((all) => all.filter((p) => !(p.key === key && p.code === code)));
    setEdits((all) => ({ ...all, [key]: { ...all[key], [code]: raw } }));
  };

  const changesOf = (key: string): ValueMap => {
    const values: ValueMap = {};
    for (const code of Object.keys(edits[key] ?? {})) {
      const checked = checkOf(key, code);
      if (checked?.ok && !sameValue(checked.value, original(key, code))) values[code] = checked.value;
    }
    return values;
  };
  const invalidCells = Object.entries(edits).flatMap(([key, codes]) =>
    Object.keys(codes)
      .filter((code) => checkOf(key, code)?.ok === false)
      .map((code) => ({ key, code })),
  );
  const rowsWithChanges = detail.structures.filter((s) => Object.keys(changesOf(s.finess)).length > 0);
  const ogChanges = changesOf(OG);
  const changeCount =
    Object.keys(ogChanges).length +
    rowsWithChanges.reduce((n, s) => n + Object.keys(changesOf(s.finess)).length, 0);

  const nameOf = (key: string) =>
    key === OG ? detail.ogName : (detail.structures.find((s) => s.finess === key)?.name ?? key);

  const save = async () => {
    setSaved(null);
    setSaveError(null);
    setProblems([]);
    if (invalidCells.length > 0) {
      setSaveError(
        `${invalidCells.length === 1 ? 'Une cellule contient' : `${invalidCells.length} cellules contiennent`} une valeur invalide : corrigez-la avant d'enregistrer.`,
      );
      return;
    }
    if (changeCount === 0) {
      setSaved('Aucune modification à enregistrer.');
      return;
    }
    const request: BulkRequest = {
      structures: rowsWithChanges.map((s) => ({
        finess: s.finess,
        version: s.version,
        values: changesOf(s.finess),
      })),
    };
    if (Object.keys(ogChanges).length > 0) {
      request.organisation = { finess: detail.ogFiness, version: detail.version, values: ogChanges };
    }
    setSaving(true);
    try {
      const result = await bulkSave(year, request);
      const count =
        (result.organisation?.changed ?? 0) + result.structures.reduce((n, s) => n + s.changed, 0);
      setEdits({});
      setSaved(
        `Grille enregistrée : ${count} valeur${count > 1 ? 's' : ''} enregistrée${count > 1 ? 's' : ''}.`,
      );
      await queryClient.invalidateQueries({
        queryKey: getOrganisationEntryQueryOptions(year, detail.ogFiness).queryKey,
      });
      await queryClient.invalidateQueries({ queryKey: ['submissions', year] });
    } catch (error) {
      if (isApiClientError(error)) {
        const mapped: BulkProblem[] = (error.errors ?? []).map((e) => {
          const structure = /^structures\[(\d+)\]\.values\.(.+)$/.exec(e.field ?? '');
          if (structure) {
            const sent = request.structures[Number(structure[1])];
            return { key: sent?.finess ?? '', code: structure[2] ?? null, message: e.message };
          }
          const og = /^organisation\.values\.(.+)$/.exec(e.field ?? '');
          if (og) return { key: OG, code: og[1] ?? null, message: e.message };
          return { key: '', code: null, message: e.message };
        });
        setProblems(mapped);
        setSaveError(error);
      } else setSaveError('Une erreur inattendue a empêché l’enregistrement.');
    } finally {
      setSaving(false);
    }
  };

  const validate = (row: Row) => {
    setRowMessage(null);
    transition.mutate(
      { finess: row.finess, request: { action: 'VALIDATE', version: row.version } },
      {
        onSuccess: () =>
          setRowMessage({ severity: 'success', text: `La saisie de ${row.name} est validée.` }),
        onError: (error) =>
          setRowMessage({
            severity: 'error',
            text: `${row.name} : ${error.message}${error.errors?.length ? ` (${error.errors.map((e) => e.message).join(' ; ')})` : ''}`,
          }),
      },
    );
  };

  return (
    <>
      {ogItems.length > 0 && (
        <section className="tdb-panel fr-mb-4w" aria-labelledby="donnees-og">
          <h2 id="donnees-og" className={fr.cx('fr-h5')}>
            Données de l'organisme gestionnaire
          </h2>
          {!detail.canEditOgItems && (
            <p className={fr.cx('fr-text--sm')}>
              Vous consultez ces données : vous ne pouvez pas les modifier.
            </p>
          )}
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
            {ogItems.map((item) => (
              <div key={item.code} className={fr.cx('fr-col-12', 'fr-col-md-6')}>
                {detail.canEditOgItems ? (
                  <div
                    className={fr.cx('fr-input-group', { 'fr-input-group--error': !!errorOf(OG, item.code) })}
                  >
                    <p className={fr.cx('fr-label')} aria-hidden="true">
                      {item.label}
                      {item.unit ? ` (${item.unit})` : ''}
                    </p>
                    <CellInput
                      item={item}
                      label={item.label}
                      text={textOf(OG, item.code)}
                      error={errorOf(OG, item.code)}
                      changed={isChanged(OG, item.code)}
                      onChange={(raw) => edit(OG, item.code, raw)}
                    />
                    {errorOf(OG, item.code) && (
                      <p className={fr.cx('fr-error-text')}>{errorOf(OG, item.code)}</p>
                    )}
                  </div>
                ) : (
                  <p>
                    {item.label} : <strong>{displayValue(item, original(OG, item.code))}</strong>
                  </p>
                )}
              </div>
            ))}
          </div>
        </section>
      )}

      <section aria-labelledby="grille-structures">
        <div className="tdb-results-header">
          <h2 id="grille-structures" className={fr.cx('fr-h5', 'fr-mb-0')}>
            Saisie des structures
          </h2>
          <Select
            label="Domaine affiché"
            className="tdb-sort-select"
            nativeSelectProps={{ value: domain, onChange: (e) => setDomain(e.target.value as DomainCode) }}
          >
            {domains.map((d) => (
              <option key={d} value={d}>
                {DOMAIN_LABELS[d]}
              </option>
            ))}
          </Select>
        </div>
        {detail.structures.length === 0 ? (
          <p>Cet organisme gestionnaire n'a aucune structure dans la campagne.</p>
        ) : (
          <div className={fr.cx('fr-table', 'fr-table--bordered')}>
            <div className="fr-table__wrapper">
              <div className="fr-table__container">
                <div className="fr-table__content">
                  <table className="tdb-grid-table">
                    <caption>
                      {DOMAIN_LABELS[domain]} — {detail.structures.length} structure(s)
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Structure</th>
                        <th scope="col">Statut</th>
                        <th scope="col">Complétude</th>
                        {columns.map((item) => (
                          <th key={item.code} scope="col">
                            {item.label}
                            {item.unit ? ` (${item.unit})` : ''}
                          </th>
                        ))}
                        <th scope="col">Action</th>
                      </tr>
                    </thead>
                    <tbody>
                      {detail.structures.map((row) => {
                        const rowEditable = row.editableDomains.includes(domain);
                        return (
                          <tr key={row.finess}>
                            <th scope="row">
                              <Link to={`${paths.submission.href(year, row.finess)}?domaine=${domain}`}>
                                {row.name}
                              </Link>
                              <br />
                              <span className="tdb-code fr-text--xs">{row.finess}</span>
                            </th>
                            <td>
                              <SubmissionStatusBadge status={row.status} />
                            </td>
                            <td>{percent(row.completeness)}</td>
                            {columns.map((item) => {
                              if (!appliesTo(item, row.categoryCode)) {
                                return (
                                  <td key={item.code}>
                                    <span aria-hidden="true">—</span>
                                    <span className="fr-sr-only">Sans objet</span>
                                  </td>
                                );
                              }
                              const error = errorOf(row.finess, item.code);
                              return (
                                <td key={item.code}>
                                  {rowEditable ? (
                                    <CellInput
                                      item={item}
                                      label={`${item.label} – ${row.name}`}
                                      text={textOf(row.finess, item.code)}
                                      error={error}
                                      changed={isChanged(row.finess, item.code)}
                                      onChange={(raw) => edit(row.finess, item.code, raw)}
                                    />
                                  ) : (
                                    displayValue(item, original(row.finess, item.code))
                                  )}
                                  {error && <p className={fr.cx('fr-error-text', 'fr-text--xs')}>{error}</p>}
                                </td>
                              );
                            })}
                            <td>
                              {row.availableActions.includes('VALIDATE') && (
                                <Button
                                  size="small"
                                  priority="secondary"
                                  disabled={
                                    transition.isPending || Object.keys(changesOf(row.finess)).length > 0
                                  }
                                  onClick={() => validate(row)}
                                  nativeButtonProps={{
                                    'aria-label': `${ACTION_LABELS.VALIDATE} de ${row.name}`,
                                  }}
                                >
                                  Valider
                                </Button>
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
        )}
        <div className="tdb-results-header">
          <p className={fr.cx('fr-mb-0')} role="status">
            {changeCount === 0
              ? 'Aucune modification en attente.'
              : `${changeCount} modification${changeCount > 1 ? 's' : ''} en attente.`}
          </p>
          <Button iconId="fr-icon-save-line" onClick={() => void save()} disabled={saving}>
            {saving ? 'Enregistrement…' : 'Enregistrer la grille'}
          </Button>
        </div>
        <div aria-live="polite">
          {saved && <Alert className={fr.cx('fr-mt-2w')} severity="success" small description={saved} />}
          {rowMessage && (
            <Alert
              className={fr.cx('fr-mt-2w')}
              severity={rowMessage.severity}
              small
              description={rowMessage.text}
            />
          )}
        </div>
        {saveError && (
          <Alert
            className={fr.cx('fr-mt-2w')}
            severity="error"
            role="alert"
            as="h3"
            title="La grille n'a pas été enregistrée"
            description={
              typeof saveError === 'string' ? (
                saveError
              ) : (
                <>
                  <span>
                    {saveError.message} Aucune valeur n'a été enregistrée ; vos saisies sont conservées.
                  </span>
                  {problems.length > 0 && (
                    <ul>
                      {problems.map((p, index) => (
                        <li key={index}>
                          {p.key
                            ? `${nameOf(p.key)}${p.code ? ` — ${itemsByCode.get(p.code)?.label ?? p.code}` : ''} : `
                            : ''}
                          {p.message}
                        </li>
                      ))}
                    </ul>
                  )}
                  {saveError.statusCode === 409 && (
                    <Button
                      className={fr.cx('fr-mt-1w')}
                      size="small"
                      priority="secondary"
                      onClick={() =>
                        void queryClient
                          .invalidateQueries({
                            queryKey: getOrganisationEntryQueryOptions(year, detail.ogFiness).queryKey,
                          })
                          .then(() => setSaveError(null))
                      }
                    >
                      Recharger les versions actuelles (vos saisies sont conservées)
                    </Button>
                  )}
                </>
              )
            }
          />
        )}
      </section>
    </>
  );
}
