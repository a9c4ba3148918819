import { useMemo, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useQueryClient } from '@tanstack/react-query';
import type { DomainCode, OgSubmissionDetail } from '@tdb/contracts';
import { DOMAINS, DOMAIN_LABELS } from '@tdb/dictionary';
import type { CampaignDictionary } from '../api/get-dictionary';
import { getOrganisationEntryQueryOptions } from '../api/get-organisation-entry';
import { useTransitionSubmission } from '../api/transition-submission';
import { useLeaveGuard } from '../hooks/use-leave-guard';
import { useOgGridEntry } from '../hooks/use-og-grid-entry';
import type { SaveState } from '../hooks/use-submission-entry';
import { appliesTo, type OgRow } from '../utils/og-grid';
import { LeaveDialog } from './leave-dialog';
import { OgGridTable } from './og-grid-table';
import { OgItemsPanel } from './og-items-panel';
import './og-grid.css';

const timeFormat = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });

function statusText(state: SaveState, pending: number, invalid: number, conflicts: number): string {
  const parts: string[] = [];
  if (state.kind === 'saving') parts.push('Enregistrement…');
  else if (state.kind === 'error') parts.push(state.message);
  else if (pending > 0) parts.push('Modifications en attente d’enregistrement…');
  else if (state.kind === 'saved') parts.push(`Enregistré à ${timeFormat.format(state.at)}`);
  if (invalid > 0) {
    parts.push(
      invalid === 1
        ? 'Une cellule contient une valeur invalide, non enregistrée.'
        : `${invalid} cellules contiennent une valeur invalide, non enregistrée.`,
    );
  }
  if (conflicts > 0) parts.push(`${conflicts} cellule${conflicts > 1 ? 's' : ''} à départager.`);
  return parts.join(' ');
}

function leaveProblem(invalid: number, conflicts: number, pending: number): string {
  const parts: string[] = [];
  if (invalid > 0)
    parts.push(
      `${invalid} valeur${invalid > 1 ? 's' : ''} invalide${invalid > 1 ? 's' : ''} ou refusée${invalid > 1 ? 's' : ''}`,
    );
  if (conflicts > 0) parts.push(`${conflicts} conflit${conflicts > 1 ? 's' : ''} à départager`);
  if (pending > 0)
    parts.push(
      `${pending} modification${pending > 1 ? 's' : ''} que le serveur n’a pas acceptée${pending > 1 ? 's' : ''}`,
    );
  return `La grille contient ${parts.join(', ') || 'des modifications non enregistrées'}. Restez pour les corriger, ou quittez la page en les abandonnant.`;
}

/**
 * The entry of an organisme gestionnaire: its own (OG-level) items, then one domain of its
 * structures' items in a grid (one column per structure). Every cell is saved automatically on its
 * structure, with the version read; leaving with changes not saved asks first.
 */
export function OgGrid({
  detail,
  dictionary,
}: {
  detail: OgSubmissionDetail;
  dictionary: CampaignDictionary;
}) {
  const year = detail.campaign.year;
  const queryClient = useQueryClient();
  const transition = useTransitionSubmission(year);
  const entry = useOgGridEntry(year, detail.ogFiness, detail.structures.length);
  const guard = useLeaveGuard(entry.hasUnsaved, entry.flush);
  const categories = useMemo(() => [...new Set(detail.structures.map((s) => s.categoryCode))], [detail]);
  const applicable = dictionary.items.filter((item) => categories.some((c) => appliesTo(item, c)));
  const ogItems = applicable.filter((item) => item.ogLevel);
  const gridItems = applicable.filter((item) => !item.ogLevel);
  const domains = DOMAINS.filter((d) => gridItems.some((item) => item.domain === d));
  const [domain, setDomain] = useState<DomainCode>(domains[0] ?? 'CARACTERISATION');
  const [rowMessage, setRowMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);

  const validate = async (row: OgRow) => {
    setRowMessage(null);
    await entry.flush();
    const fresh = queryClient
      .getQueryData<OgSubmissionDetail>(getOrganisationEntryQueryOptions(year, detail.ogFiness).queryKey)
      ?.structures.find((s) => s.finess === row.finess);
    transition.mutate(
      { finess: row.finess, request: { action: 'VALIDATE', version: fresh?.version ?? row.version } },
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
        <OgItemsPanel
          detail={detail}
          items={ogItems}
          entry={entry}
          indicatorsByItem={dictionary.indicatorsByItem}
        />
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
        <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
          Une colonne par structure ({detail.structures.length}) : faites défiler la grille horizontalement.
          Chaque modification est enregistrée automatiquement ; Entrée ou les flèches haut et bas passent à la
          donnée suivante de la même structure.
        </p>
        <p
          className={`tdb-save-status ${entry.saveState.kind === 'error' || entry.invalidCount > 0 ? 'tdb-save-status--error' : ''}`}
          role="status"
          aria-live="polite"
        >
          {statusText(entry.saveState, entry.pendingCount, entry.invalidCount, entry.conflictCount)}
        </p>
        {entry.conflictNotice && (
          <Alert
            className={fr.cx('fr-mb-2w')}
            severity="warning"
            small
            description={entry.conflictNotice}
            closable
            onClose={entry.dismissConflictNotice}
          />
        )}
        {detail.structures.length === 0 ? (
          <p>Cet organisme gestionnaire n'a aucune structure dans la campagne.</p>
        ) : (
          <OgGridTable
            year={year}
            domain={domain}
            items={gridItems.filter((item) => item.domain === domain)}
            structures={detail.structures}
            entry={entry}
            indicatorsByItem={dictionary.indicatorsByItem}
            validating={transition.isPending}
            onValidate={(row) => void validate(row)}
          />
        )}
        <div aria-live="polite">
          {rowMessage && (
            <Alert
              className={fr.cx('fr-mt-2w')}
              severity={rowMessage.severity}
              small
              description={rowMessage.text}
            />
          )}
        </div>
      </section>
      <LeaveDialog
        state={guard.state}
        problem={leaveProblem(entry.invalidCount, entry.conflictCount, entry.pendingCount)}
        onStay={guard.stay}
        onLeave={guard.leave}
      />
    </>
  );
}
