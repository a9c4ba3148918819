import { useId, useMemo, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { ItemBenchmark, ItemBenchmarkGroup, ItemBenchmarkStructure } from '@tdb/contracts';
import { DataTable, type DataTableColumn } from '@/components/ui/data-table';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatCount } from '@/lib/format';
import { formatNumber } from '@/lib/indicator-format';
import { useItemBenchmark, type ItemBenchmarkParams } from '../api/get-item-benchmark';
import { itemMatches, type BenchmarkItemOption, type TerritoryOption } from '../utils/benchmark-options';
import { DecileCell, DecileLegend } from './decile-cell';

const DECILE_LABELS = ['D1', 'D2', 'D3', 'D4', 'Médiane (D5)', 'D6', 'D7', 'D8', 'D9'];

function paramsOf(
  item: string,
  territory: TerritoryOption | undefined,
  structures: boolean,
): ItemBenchmarkParams {
  return {
    item,
    ...(territory?.level === 'DEPARTMENT' ? { department: territory.code } : {}),
    ...(territory?.level === 'REGION' ? { region: territory.code } : {}),
    structures,
  };
}

/** The items grouped by their domain of the dictionary, in the dictionary's order. */
function byDomain(items: readonly BenchmarkItemOption[]): [string, BenchmarkItemOption[]][] {
  const groups = new Map<string, BenchmarkItemOption[]>();
  for (const item of items) groups.set(item.domain, [...(groups.get(item.domain) ?? []), item]);
  return [...groups.entries()];
}

const figure = (value: number | null, unit: string) => (value === null ? '—' : formatNumber(value, unit));

function GroupsTable({ benchmark }: { benchmark: ItemBenchmark }) {
  const { unit } = benchmark.item;
  const columns: DataTableColumn<ItemBenchmarkGroup>[] = [
    { key: 'category', header: 'Catégorie', rowHeader: true, cell: (g) => g.categoryLabel },
    {
      key: 'n',
      header: 'Structures',
      cell: (g) =>
        g.suppressed ? (
          <span className="tdb-muted">
            Non diffusé : effectif insuffisant (moins de {benchmark.minimumGroupSize})
          </span>
        ) : (
          String(g.n)
        ),
    },
    { key: 'mean', header: 'Moyenne', cell: (g) => figure(g.mean, unit) },
    { key: 'min', header: 'Minimum', cell: (g) => figure(g.min, unit) },
    ...DECILE_LABELS.map((header, i): DataTableColumn<ItemBenchmarkGroup> => ({
      key: `d${i + 1}`,
      header,
      cell: (g) => figure(g.deciles?.[i] ?? null, unit),
    })),
    { key: 'max', header: 'Maximum', cell: (g) => figure(g.max, unit) },
  ];
  return (
    <DataTable
      caption={`« ${benchmark.item.label} »${unit ? ` (en ${unit})` : ''} par catégorie – ${benchmark.territory.name}, campagne ${benchmark.campaignYear}`}
      columns={columns}
      rows={benchmark.groups}
      rowKey={(g) => g.categoryCode}
      bordered
    />
  );
}

function StructuresTable({ benchmark }: { benchmark: ItemBenchmark }) {
  const structures = benchmark.structures ?? [];
  const columns: DataTableColumn<ItemBenchmarkStructure>[] = [
    {
      key: 'name',
      header: 'Structure',
      rowHeader: true,
      cell: (s) => (
        <>
          {s.name}
          <br />
          <span className={fr.cx('fr-text--xs')}>
            FINESS <span className="tdb-code">{s.finess}</span> · dép. {s.departmentCode}
          </span>
        </>
      ),
    },
    {
      key: 'category',
      header: 'Catégorie',
      cell: (s) =>
        benchmark.groups.find((g) => g.categoryCode === s.categoryCode)?.categoryLabel ?? s.categoryCode,
    },
    {
      key: 'value',
      header: 'Valeur',
      cell: (s) => <DecileCell value={s.value} decile={s.decile} unit={benchmark.item.unit} />,
    },
  ];
  return (
    <>
      <p className={fr.cx('fr-mb-1w')}>
        {structures.length < benchmark.structuresTotal
          ? `Les ${structures.length} premières structures sur ${benchmark.structuresTotal}.`
          : formatCount(benchmark.structuresTotal, 'structure comptée', 'structures comptées')}
      </p>
      <DecileLegend title="Décile de la valeur dans sa catégorie sur le territoire" />
      <DataTable
        caption={`Structures comptées – ${benchmark.territory.name}`}
        columns={columns}
        rows={structures}
        rowKey={(s) => s.finess}
        bordered
      />
    </>
  );
}

/**
 * "Données saisies": the benchmark of a numeric item of the dictionary — per category, the
 * distribution of the values entered by the validated or confirmed structures of a territory of
 * the account's scope — with an item picker searched by label.
 */
export function ItemBenchmarkSection({
  year,
  items,
  territories,
}: {
  year: number;
  items: readonly BenchmarkItemOption[];
  territories: readonly TerritoryOption[];
}) {
  const statusId = useId();
  const [search, setSearch] = useState('');
  const [itemCode, setItemCode] = useState(items[0]?.code ?? '');
  const [territoryKey, setTerritoryKey] = useState(territories[0]?.key ?? '');
  const [withStructures, setWithStructures] = useState(false);
  const matching = useMemo(() => items.filter((i) => itemMatches(i, search)), [items, search]);
  const chosen = items.find((i) => i.code === itemCode);
  // The chosen item stays in the list (and selected) whatever the search.
  const options = chosen && !matching.includes(chosen) ? [chosen, ...matching] : matching;
  const territory = territories.find((t) => t.key === territoryKey) ?? territories[0];
  const benchmark = useItemBenchmark(year, paramsOf(itemCode, territory, withStructures));
  const data = benchmark.data;

  return (
    <section aria-labelledby="donnees-benchmark">
      <h3 id="donnees-benchmark" className={fr.cx('fr-h5')}>
        Benchmark d’une donnée saisie
      </h3>
      <p>
        Pour une donnée chiffrée du questionnaire, la distribution par catégorie des valeurs saisies par les
        structures de votre périmètre sur le territoire (saisies validées ou confirmées) : effectif, moyenne,
        extrêmes et déciles. Un groupe de moins de 5 structures n’est pas diffusé.
      </p>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <Input
            label="Rechercher une donnée"
            hintText="Par son libellé ou son code, par exemple « personnes accompagnées »"
            nativeInputProps={{
              type: 'search',
              value: search,
              onChange: (e) => setSearch(e.target.value),
              'aria-describedby': statusId,
            }}
          />
          <p id={statusId} role="status" className={fr.cx('fr-text--sm')}>
            {search.trim() === ''
              ? formatCount(items.length, 'donnée chiffrée', 'données chiffrées')
              : matching.length === 0
                ? 'Aucune donnée ne correspond à la recherche.'
                : `${formatCount(matching.length, 'donnée correspond', 'données correspondent')} à la recherche.`}
          </p>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <Select
            label="Donnée"
            nativeSelectProps={{ value: itemCode, onChange: (e) => setItemCode(e.target.value) }}
          >
            {byDomain(options).map(([domain, group]) => (
              <optgroup key={domain} label={domain}>
                {group.map((item) => (
                  <option key={item.code} value={item.code}>
                    {item.label}
                    {item.unit ? ` (${item.unit})` : ''}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
          {territories.length > 1 && (
            <Select
              label="Territoire"
              nativeSelectProps={{
                value: territory?.key ?? '',
                onChange: (e) => setTerritoryKey(e.target.value),
              }}
            >
              {territories.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.label}
                </option>
              ))}
            </Select>
          )}
          <Checkbox
            small
            options={[
              {
                label: 'Afficher la liste des structures comptées',
                nativeInputProps: {
                  checked: withStructures,
                  onChange: (e) => setWithStructures(e.target.checked),
                },
              },
            ]}
          />
        </div>
      </div>
      {itemCode === '' ? (
        <Alert
          severity="info"
          small
          description="Le dictionnaire de la campagne n’a aucune donnée chiffrée."
        />
      ) : benchmark.isPending ? (
        <PageLoader label="Calcul du benchmark…" />
      ) : benchmark.error || !data ? (
        <QueryError error={benchmark.error} headingAs="h4" onRetry={() => void benchmark.refetch()} />
      ) : (
        <div aria-busy={benchmark.isFetching ? true : undefined}>
          {data.item.ogLevel && (
            <p className={fr.cx('fr-text--sm')}>
              Donnée saisie par l’organisme gestionnaire : chacun de ses établissements et services porte sa
              valeur.
            </p>
          )}
          {data.groups.length === 0 ? (
            <Alert
              severity="info"
              small
              description={`Aucune valeur validée ou confirmée pour cette donnée – ${data.territory.name}.`}
            />
          ) : (
            <GroupsTable benchmark={data} />
          )}
          {data.structures && data.structures.length > 0 && <StructuresTable benchmark={data} />}
        </div>
      )}
    </section>
  );
}
