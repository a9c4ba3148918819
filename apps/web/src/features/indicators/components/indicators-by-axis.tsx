import { useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import type { IndicatorAxisCode, IndicatorGuide, IndicatorValueDto } from '@tdb/contracts';
import { DataTable } from '@/components/ui/data-table';
import { AXIS_ORDER, axisLabelsOf } from '@/lib/indicator-format';
import { IndicatorSheetPanel } from './indicator-sheet-panel';
import { IndicatorTrend, IndicatorValue, PreviousValue } from './indicator-value';
import { ProvisionalBadge } from '@/components/ui/provisional-badge';

export function axisSectionId(axis: IndicatorAxisCode): string {
  return `axe-${axis.toLowerCase()}`;
}

/**
 * A structure's indicators in one table per axis (in the guide's order), each label opening the
 * indicator's sheet in a side panel.
 */
export function IndicatorsByAxis({
  indicators,
  guide,
  previousYear,
}: {
  indicators: IndicatorValueDto[];
  guide: { data: IndicatorGuide | undefined; isPending: boolean; error: unknown; refetch: () => void };
  /** The year of last campaign's values, for the column header. */
  previousYear: number | null;
}) {
  const [open, setOpen] = useState<{ indicator: IndicatorValueDto; opener: HTMLElement } | null>(null);
  const sheets = guide.data?.sheets;
  const labels = axisLabelsOf(sheets);
  const sheetOf = (code: string) => sheets?.find((s) => s.code === code);
  const axes = AXIS_ORDER.filter((axis) => indicators.some((i) => i.axis === axis));

  return (
    <>
      <nav className={fr.cx('fr-summary', 'fr-mb-4w')} aria-labelledby="sommaire-axes">
        <p id="sommaire-axes" className={fr.cx('fr-summary__title')}>
          Axes
        </p>
        <ol>
          {axes.map((axis) => (
            <li key={axis}>
              <a className={fr.cx('fr-summary__link')} href={`#${axisSectionId(axis)}`}>
                {labels[axis]}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      {axes.map((axis) => {
        const rows = indicators.filter((i) => i.axis === axis);
        return (
          <section
            key={axis}
            id={axisSectionId(axis)}
            className={fr.cx('fr-mb-6w')}
            aria-labelledby={`${axisSectionId(axis)}-titre`}
          >
            <h2 id={`${axisSectionId(axis)}-titre`} className={fr.cx('fr-h4')}>
              {labels[axis]}
            </h2>
            <DataTable<IndicatorValueDto>
              caption={`Indicateurs – ${labels[axis]}`}
              hideCaption
              bordered
              rows={rows}
              rowKey={(i) => i.code}
              columns={[
                {
                  key: 'label',
                  header: 'Indicateur',
                  rowHeader: true,
                  cell: (i) => (
                    <>
                      <button
                        type="button"
                        className={`${fr.cx('fr-link')} tdb-link-button`}
                        aria-haspopup="dialog"
                        onClick={(event) => setOpen({ indicator: i, opener: event.currentTarget })}
                      >
                        {i.label}
                      </button>
                      <br />
                      <span className={`${fr.cx('fr-text--xs')} tdb-code tdb-muted`}>{i.code}</span>
                      {i.provisional && (
                        <>
                          {' '}
                          <ProvisionalBadge />
                        </>
                      )}
                    </>
                  ),
                },
                { key: 'value', header: 'Valeur', cell: (i) => <IndicatorValue indicator={i} /> },
                {
                  key: 'previous',
                  header: previousYear ? `Valeur ${previousYear}` : 'Campagne précédente',
                  cell: (i) => <PreviousValue indicator={i} />,
                },
                {
                  key: 'trend',
                  header: 'Évolution',
                  cell: (i) => <IndicatorTrend indicator={i} direction={sheetOf(i.code)?.direction} />,
                },
              ]}
            />
          </section>
        );
      })}
      {open && (
        <IndicatorSheetPanel
          title={open.indicator.label}
          sheet={sheetOf(open.indicator.code)}
          loading={guide.isPending}
          error={guide.error}
          onRetry={guide.refetch}
          onClose={() => setOpen(null)}
          opener={open.opener}
        />
      )}
    </>
  );
}
