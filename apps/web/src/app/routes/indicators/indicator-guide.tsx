import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import type { IndicatorAxisCode } from '@tdb/contracts';
import { SERVICE_TITLE } from '@/components/layouts/main-layout';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatCount } from '@/lib/format';
import { useIndicatorGuide } from '@/lib/api/get-indicator-guide';
import { IndicatorGuideList } from '@/features/indicators/components/indicator-guide-list';
import { QualitativeAxisSheets } from '@/features/indicators/components/qualitative-axis-sheets';
import { AXIS_ORDER, axisLabelsOf, sheetMatches } from '@/lib/indicator-format';

/** The campaign year asked in the address (?annee=2026), else the latest campaign. */
export function guideYearOf(searchParams: URLSearchParams): number | undefined {
  const text = searchParams.get('annee');
  return text && /^\d{4}$/.test(text) ? Number(text) : undefined;
}

/** "Guide des indicateurs": every indicator sheet, readable without an account. */
export function IndicatorGuidePage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const year = guideYearOf(searchParams);
  const guide = useIndicatorGuide(year);
  const query = searchParams.get('q') ?? '';
  const requestedAxis = searchParams.get('axe') ?? '';
  const axis = (AXIS_ORDER as readonly string[]).includes(requestedAxis)
    ? (requestedAxis as IndicatorAxisCode)
    : '';

  const update = (patch: Record<string, string>) => {
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(patch)) {
          if (value === '') next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  };

  const sheets = guide.data?.sheets;
  const labels = axisLabelsOf(sheets);
  const filtered = useMemo(
    () => (sheets ?? []).filter((s) => (axis === '' || s.axis === axis) && sheetMatches(s, query)),
    [sheets, axis, query],
  );
  const provisionalCount = (sheets ?? []).filter((s) => s.status === 'provisional').length;

  return (
    <div className={fr.cx('fr-container', 'fr-py-6w')}>
      <title>{`Guide des indicateurs – ${SERVICE_TITLE}`}</title>
      <h1>Guide des indicateurs</h1>
      <p className={fr.cx('fr-text--lead')}>
        Ce que mesure chaque indicateur du tableau de bord, comment il est calculé à partir des données
        saisies et comment le lire.
      </p>

      {guide.isPending ? (
        <PageLoader label="Chargement du guide des indicateurs…" />
      ) : guide.isError ? (
        <QueryError error={guide.error} headingAs="h2" onRetry={() => void guide.refetch()} />
      ) : (
        <>
          <p>
            Campagne {guide.data.campaignYear}, dictionnaire des données {guide.data.dictionaryVersion} —{' '}
            {formatCount(guide.data.sheets.length, 'indicateur', 'indicateurs')}
            {provisionalCount > 0 &&
              `, dont ${provisionalCount} à la définition provisoire (encore à valider avec le guide ANAP/ATIH)`}
            .
          </p>
          <form
            role="search"
            aria-label="Rechercher un indicateur"
            className="tdb-filters fr-mb-3w"
            onSubmit={(event) => event.preventDefault()}
          >
            <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
              <div className={fr.cx('fr-col-12', 'fr-col-md-7')}>
                <Input
                  label="Rechercher"
                  hintText="Libellé, code ou ce que mesure l'indicateur (les accents sont facultatifs)"
                  nativeInputProps={{
                    type: 'search',
                    value: query,
                    onChange: (event) => update({ q: event.target.value }),
                  }}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-5')}>
                <Select
                  label="Axe"
                  nativeSelectProps={{
                    value: axis,
                    onChange: (event) => update({ axe: event.target.value }),
                  }}
                >
                  <option value="">Tous les axes</option>
                  {AXIS_ORDER.map((code) => (
                    <option key={code} value={code}>
                      {labels[code]}
                    </option>
                  ))}
                </Select>
              </div>
            </div>
          </form>

          <div className="tdb-results-header">
            <p role="status" className={fr.cx('fr-mb-0')}>
              {filtered.length === guide.data.sheets.length
                ? `${formatCount(filtered.length, 'indicateur', 'indicateurs')}`
                : `${formatCount(filtered.length, 'indicateur trouvé', 'indicateurs trouvés')} sur ${guide.data.sheets.length}`}
            </p>
            {(query !== '' || axis !== '') && (
              <Button size="small" priority="tertiary" onClick={() => update({ q: '', axe: '' })}>
                Effacer la recherche
              </Button>
            )}
          </div>

          {filtered.length === 0 ? (
            <Alert
              severity="info"
              small
              description="Aucun indicateur ne correspond à votre recherche. Essayez d'autres mots ou un autre axe."
            />
          ) : (
            AXIS_ORDER.filter((code) => filtered.some((s) => s.axis === code)).map((code) => (
              <section key={code} className={fr.cx('fr-mb-5w')} aria-labelledby={`guide-axe-${code}`}>
                <h2 id={`guide-axe-${code}`} className={fr.cx('fr-h4')}>
                  {labels[code]}
                </h2>
                <IndicatorGuideList sheets={filtered.filter((s) => s.axis === code)} />
              </section>
            ))
          )}
          {(axis === '' || axis === 'OBJECTIFS') && query === '' && (
            <QualitativeAxisSheets axes={guide.data.qualitativeAxes} />
          )}
        </>
      )}
    </div>
  );
}
