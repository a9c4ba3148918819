import { useMemo, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { IndicatorSheet } from '@tdb/contracts';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useTerritoryMap, useTerritoryScatter } from '../api/territory';
import { DepartmentMap } from './department-map';
import { RestitutionStageNotice } from './restitution-stage-notice';
import { ScatterPlot } from './scatter-plot';
import { sheetsForCategory, type CategoryOption } from './territory-table-section';

/*
 * "Carte" and "Analyse croisée" of the territory restitution. Both open on `initialCategory` (the
 * page chooses one that has data) and its first indicators.
 */

function CategorySelect({
  categories,
  value,
  onChange,
}: {
  categories: readonly CategoryOption[];
  value: string;
  onChange: (code: string) => void;
}) {
  return (
    <Select label="Catégorie" nativeSelectProps={{ value, onChange: (e) => onChange(e.target.value) }}>
      {categories.map((c) => (
        <option key={c.code} value={c.code}>
          {c.label}
        </option>
      ))}
    </Select>
  );
}

function IndicatorSelect({
  label,
  sheets,
  value,
  onChange,
}: {
  label: string;
  sheets: readonly IndicatorSheet[];
  value: string;
  onChange: (code: string) => void;
}) {
  return (
    <Select label={label} nativeSelectProps={{ value, onChange: (e) => onChange(e.target.value) }}>
      {sheets.map((s) => (
        <option key={s.code} value={s.code}>
          {s.code} – {s.label}
        </option>
      ))}
    </Select>
  );
}

export function MapSection({
  year,
  categories,
  sheets,
  regionCodes,
  initialCategory,
}: {
  year: number;
  initialCategory: string;
  categories: readonly CategoryOption[];
  sheets: readonly IndicatorSheet[];
  regionCodes: readonly string[] | undefined;
}) {
  const [category, setCategory] = useState(initialCategory);
  const available = useMemo(() => sheetsForCategory(sheets, category), [sheets, category]);
  const [chosen, setChosen] = useState('');
  const indicator = available.some((s) => s.code === chosen) ? chosen : (available[0]?.code ?? '');
  const map = useTerritoryMap(year, indicator, category);
  return (
    <section aria-labelledby="restitution-carte">
      <h2 id="restitution-carte" className={fr.cx('fr-h4')}>
        Carte des médianes par département
      </h2>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <CategorySelect categories={categories} value={category} onChange={setCategory} />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <IndicatorSelect label="Indicateur" sheets={available} value={indicator} onChange={setChosen} />
        </div>
      </div>
      {indicator === '' ? (
        <Alert severity="info" small description="Aucun indicateur pour cette catégorie." />
      ) : map.isPending ? (
        <PageLoader label="Chargement de la carte…" />
      ) : map.error || !map.data ? (
        <QueryError error={map.error} headingAs="h3" onRetry={() => void map.refetch()} />
      ) : (
        <>
          <RestitutionStageNotice stage={map.data.stage} />
          <DepartmentMap map={map.data} {...(regionCodes ? { regionCodes } : {})} />
        </>
      )}
    </section>
  );
}

export function ScatterSection({
  year,
  categories,
  sheets,
  departments,
  initialCategory,
}: {
  year: number;
  initialCategory: string;
  categories: readonly CategoryOption[];
  sheets: readonly IndicatorSheet[];
  departments: readonly { code: string; name: string }[];
}) {
  const [category, setCategory] = useState(initialCategory);
  const available = useMemo(() => sheetsForCategory(sheets, category), [sheets, category]);
  const [x, setX] = useState('');
  const [y, setY] = useState('');
  const [department, setDepartment] = useState('');
  const [highlight, setHighlight] = useState('');
  const has = (code: string) => available.some((s) => s.code === code);
  const xCode = has(x) ? x : (available[0]?.code ?? '');
  const yCode = has(y) ? y : (available[1]?.code ?? available[0]?.code ?? '');
  const scatter = useTerritoryScatter(year, {
    x: xCode,
    y: yCode,
    category,
    ...(department ? { department } : {}),
    ...(highlight ? { highlight } : {}),
  });
  const points = scatter.data?.points ?? [];
  return (
    <section aria-labelledby="restitution-analyse">
      <h2 id="restitution-analyse" className={fr.cx('fr-h4')}>
        Analyse croisée de deux indicateurs
      </h2>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <CategorySelect categories={categories} value={category} onChange={setCategory} />
          {departments.length > 1 && (
            <Select
              label="Territoire"
              nativeSelectProps={{ value: department, onChange: (e) => setDepartment(e.target.value) }}
            >
              <option value="">Tout le périmètre</option>
              {departments.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.code} – {d.name}
                </option>
              ))}
            </Select>
          )}
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <IndicatorSelect
            label="Indicateur en abscisse (X)"
            sheets={available}
            value={xCode}
            onChange={setX}
          />
          <IndicatorSelect
            label="Indicateur en ordonnée (Y)"
            sheets={available}
            value={yCode}
            onChange={setY}
          />
          <Select
            label="Structure à mettre en évidence"
            nativeSelectProps={{ value: highlight, onChange: (e) => setHighlight(e.target.value) }}
          >
            <option value="">Aucune</option>
            {points.map((p) => (
              <option key={p.finess} value={p.finess}>
                {p.name} ({p.finess})
              </option>
            ))}
          </Select>
        </div>
      </div>
      {xCode === '' ? (
        <Alert severity="info" small description="Aucun indicateur pour cette catégorie." />
      ) : scatter.isPending ? (
        <PageLoader label="Chargement du nuage de points…" />
      ) : scatter.error || !scatter.data ? (
        <QueryError error={scatter.error} headingAs="h3" onRetry={() => void scatter.refetch()} />
      ) : (
        <>
          <RestitutionStageNotice stage={scatter.data.stage} />
          <ScatterPlot scatter={scatter.data} />
        </>
      )}
    </section>
  );
}
