import { fr } from '@codegouvfr/react-dsfr';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { ToggleSwitch } from '@codegouvfr/react-dsfr/ToggleSwitch';
import type { ReferenceDepartment } from '@tdb/contracts';
import { CategorySelect, DepartmentSelect } from '@/components/ui/reference-selects';
import { formatCount } from '@/lib/format';
import type { AtypiaStatusFilter } from '../api/atypia';
import { FLAG_STATUSES, FLAG_STATUS_LABELS, SEVERITY_LABELS } from '../utils/labels';
import type { TableState } from '../utils/table-state';

/** The filters of the atypia table; "Mes structures" says how many are assigned to the reader. */
export function AtypiaFiltersForm({
  state,
  update,
  rules,
  mine,
  assignedToMe,
  departmentFilter,
}: {
  state: TableState;
  update: (changes: Partial<TableState>) => void;
  /** The rules met so far: code → label. */
  rules: Map<string, string>;
  mine: boolean;
  assignedToMe: number;
  departmentFilter?: (department: ReferenceDepartment) => boolean;
}) {
  return (
    <div className="tdb-filters">
      <form role="search" aria-label="Filtrer les atypies" onSubmit={(e) => e.preventDefault()}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <Select
              label="Statut"
              nativeSelectProps={{
                value: state.status ?? '',
                onChange: (e) =>
                  update({ status: (e.target.value || undefined) as AtypiaStatusFilter | undefined }),
              }}
            >
              <option value="">À traiter (tous sauf résolus)</option>
              {FLAG_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {FLAG_STATUS_LABELS[s]}
                </option>
              ))}
              <option value="ALL">Toutes</option>
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <DepartmentSelect
              value={state.department}
              onChange={(department) => update({ department })}
              only={departmentFilter}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <CategorySelect value={state.category} onChange={(category) => update({ category })} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <Select
              label="Règle"
              nativeSelectProps={{
                value: state.ruleCode ?? '',
                onChange: (e) => update({ ruleCode: e.target.value || undefined }),
              }}
            >
              <option value="">Toutes les règles</option>
              {[...rules]
                .sort((a, b) => a[1].localeCompare(b[1], 'fr'))
                .map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <Select
              label="Gravité"
              nativeSelectProps={{
                value: state.severity ?? '',
                onChange: (e) =>
                  update({ severity: (e.target.value || undefined) as TableState['severity'] }),
              }}
            >
              <option value="">Toutes les gravités</option>
              {(['high', 'medium', 'low'] as const).map((s) => (
                <option key={s} value={s}>
                  {SEVERITY_LABELS[s]}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <ToggleSwitch
              label={`Mes structures (${assignedToMe})`}
              helperText={
                assignedToMe === 0
                  ? 'Aucune structure ne vous est attribuée : le tableau montre votre périmètre'
                  : `${formatCount(assignedToMe, 'structure vous est attribuée', 'structures vous sont attribuées')}, par priorité`
              }
              checked={mine}
              onChange={(checked) => update({ vue: checked ? 'mes' : 'toutes' })}
              inputTitle={`Mes structures (${assignedToMe})`}
              showCheckedHint={false}
            />
            <ToggleSwitch
              label="Prioritaires"
              helperText="Structures, règles et indicateurs prioritaires de votre autorité"
              checked={state.priorityOnly ?? false}
              onChange={(checked) => update({ priorityOnly: checked || undefined })}
              inputTitle="Prioritaires"
              showCheckedHint={false}
            />
          </div>
        </div>
      </form>
    </div>
  );
}
