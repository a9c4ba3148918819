import { fr } from '@codegouvfr/react-dsfr';
import type { TerritoryScatter } from '@tdb/contracts';
import { formatIndicatorValue } from '@/lib/indicator-format';
import { niceTicks } from '../utils/chart-wording';

const W = 640;
const H = 420;
const M = { left: 64, right: 16, top: 16, bottom: 48 };

/** Round ticks covering the values (one value: a range around it); the axis spans them. */
function axis(values: number[]): { ticks: number[]; bounds: [number, number] } {
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  return { ticks, bounds: [ticks[0] ?? 0, ticks.at(-1) ?? 1] };
}

/** Two indicators of the structures of a category: points, the medians as lines, one highlighted. */
export function ScatterPlot({ scatter }: { scatter: TerritoryScatter }) {
  const { x: xi, y: yi, points } = scatter;
  if (points.length === 0) {
    return <p>Aucune structure n’a de valeur pour les deux indicateurs.</p>;
  }
  const xAxis = axis([...points.map((p) => p.x), ...(scatter.medians.x === null ? [] : [scatter.medians.x])]);
  const yAxis = axis([...points.map((p) => p.y), ...(scatter.medians.y === null ? [] : [scatter.medians.y])]);
  const xs = xAxis.bounds;
  const ys = yAxis.bounds;
  const sx = (v: number) => M.left + ((v - xs[0]) / (xs[1] - xs[0])) * (W - M.left - M.right);
  const sy = (v: number) => H - M.bottom - ((v - ys[0]) / (ys[1] - ys[0])) * (H - M.top - M.bottom);
  const fx = (v: number) => formatIndicatorValue(v, xi.unit);
  const fy = (v: number) => formatIndicatorValue(v, yi.unit);
  // The highlighted one last, drawn above the others.
  const ordered = [...points].sort((a, b) => Number(a.highlighted) - Number(b.highlighted));
  const highlighted = points.filter((p) => p.highlighted);

  return (
    <div className="tdb-scatter">
      <figure className={fr.cx('fr-m-0')}>
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-label={`Nuage de points : ${xi.label} en abscisse, ${yi.label} en ordonnée, ${points.length} structures. Les valeurs sont dans le tableau ci-dessous.`}
        >
          <rect
            x={M.left}
            y={M.top}
            width={W - M.left - M.right}
            height={H - M.top - M.bottom}
            fill="#fafafa"
            stroke="#929292"
          />
          {xAxis.ticks.map((t, i) => (
            <g key={`x${i}`}>
              <line x1={sx(t)} x2={sx(t)} y1={H - M.bottom} y2={H - M.bottom + 5} stroke="#3a3a3a" />
              <text
                x={sx(t)}
                y={H - M.bottom + 18}
                fontSize="11"
                // The last label ends at the frame's edge instead of running past the drawing.
                textAnchor={i === xAxis.ticks.length - 1 ? 'end' : 'middle'}
                fill="#3a3a3a"
              >
                {fx(t)}
              </text>
            </g>
          ))}
          {yAxis.ticks.map((t, i) => (
            <g key={`y${i}`}>
              <line x1={M.left - 5} x2={M.left} y1={sy(t)} y2={sy(t)} stroke="#3a3a3a" />
              <text x={M.left - 8} y={sy(t) + 4} fontSize="11" textAnchor="end" fill="#3a3a3a">
                {fy(t)}
              </text>
            </g>
          ))}
          <text x={(M.left + W - M.right) / 2} y={H - 8} fontSize="12" textAnchor="middle" fill="#161616">
            {`${xi.code} – ${xi.label}`}
          </text>
          <text
            x={14}
            y={(M.top + H - M.bottom) / 2}
            fontSize="12"
            textAnchor="middle"
            fill="#161616"
            transform={`rotate(-90 14 ${(M.top + H - M.bottom) / 2})`}
          >
            {`${yi.code} – ${yi.label}`}
          </text>
          {scatter.medians.x !== null && (
            <line
              data-testid="median-x"
              x1={sx(scatter.medians.x)}
              x2={sx(scatter.medians.x)}
              y1={M.top}
              y2={H - M.bottom}
              stroke="#161616"
              strokeDasharray="6 4"
            />
          )}
          {scatter.medians.y !== null && (
            <line
              data-testid="median-y"
              x1={M.left}
              x2={W - M.right}
              y1={sy(scatter.medians.y)}
              y2={sy(scatter.medians.y)}
              stroke="#161616"
              strokeDasharray="6 4"
            />
          )}
          {ordered.map((p) => (
            <circle
              key={p.finess}
              data-testid="scatter-point"
              data-highlighted={p.highlighted ? 'true' : 'false'}
              cx={sx(p.x)}
              cy={sy(p.y)}
              r={p.highlighted ? 8 : 4}
              fill={p.highlighted ? '#ce0500' : '#000091'}
              fillOpacity={p.highlighted ? 1 : 0.6}
              stroke={p.highlighted ? '#161616' : 'none'}
              strokeWidth={2}
            >
              <title>{`${p.name} : ${fx(p.x)} ; ${fy(p.y)}`}</title>
            </circle>
          ))}
        </svg>
      </figure>
      <p className={fr.cx('fr-text--sm', 'fr-mt-1w')}>
        Traits pointillés : médianes des structures affichées
        {scatter.medians.x !== null && ` (${xi.code} : ${fx(scatter.medians.x)}`}
        {scatter.medians.y !== null && `, ${yi.code} : ${fy(scatter.medians.y)})`}.{' '}
        {scatter.nationalMedians.x !== null &&
          scatter.nationalMedians.y !== null &&
          `Médianes nationales : ${fx(scatter.nationalMedians.x)} et ${fy(scatter.nationalMedians.y)}. `}
        {highlighted.length > 0 && (
          <>
            Point rouge agrandi : <strong>{highlighted.map((p) => p.name).join(', ')}</strong>.
          </>
        )}
      </p>
      <div className={fr.cx('fr-table', 'fr-table--bordered')}>
        <div className="fr-table__wrapper">
          <div className="fr-table__container">
            <div className="fr-table__content">
              <table>
                <caption>Valeurs des structures (alternative textuelle du nuage de points)</caption>
                <thead>
                  <tr>
                    <th scope="col">Structure</th>
                    <th scope="col">{`${xi.code} – ${xi.label}`}</th>
                    <th scope="col">{`${yi.code} – ${yi.label}`}</th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.finess}>
                      <th scope="row">
                        {p.name}
                        {p.highlighted && <strong> (mise en évidence)</strong>}
                      </th>
                      <td>{fx(p.x)}</td>
                      <td>{fy(p.y)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
