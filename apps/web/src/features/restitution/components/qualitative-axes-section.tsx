import { fr } from '@codegouvfr/react-dsfr';
import type {
  PracticePeerShareDto,
  PracticeRow,
  QualitativeAxisRestitution,
  StructurePractices,
} from '@tdb/contracts';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { formatShare } from '@/lib/indicator-format';
import { useStructurePractices } from '../api/get-structure-practices';
import { SUPPRESSED_TEXT } from '../utils/deciles';

const LEVEL_LABELS: Readonly<Record<PracticePeerShareDto['level'], string>> = {
  NATION: 'France',
  REGION: 'Région',
  DEPARTMENT: 'Département',
};

/** The peers' columns, from the first practice that has them (same levels for every practice). */
function peerColumns(practices: StructurePractices): PracticePeerShareDto[] {
  for (const axis of practices.axes) {
    const row = axis.practices.find((p) => p.peers !== null && p.peers.length > 0);
    if (row?.peers) return row.peers;
  }
  return [];
}

const columnLabel = (p: PracticePeerShareDto) =>
  p.level === 'NATION' ? LEVEL_LABELS.NATION : `${LEVEL_LABELS[p.level]} (${p.territoryCode})`;

function shareText(share: PracticePeerShareDto | undefined): string {
  if (!share || share.suppressed || share.share === null) return SUPPRESSED_TEXT;
  return `${formatShare(share.share)} (sur\u00a0${share.n})`;
}

/**
 * The structure's answer as entered. A choice or a number does not say by itself whether it counts
 * as the practice (a spreadsheet does not cover a function): that is said beside it.
 */
function answerText(practice: PracticeRow): string {
  if ((practice.type !== 'choice' && practice.type !== 'integer') || practice.held === null) {
    return practice.answer;
  }
  return `${practice.answer} (${practice.held ? 'en place' : 'pas en place'})`;
}

function AxisTable({ axis, columns }: { axis: QualitativeAxisRestitution; columns: PracticePeerShareDto[] }) {
  return (
    <section className={fr.cx('fr-mb-4w')} aria-labelledby={`pratiques-${axis.code}`}>
      <h3 id={`pratiques-${axis.code}`} className={fr.cx('fr-h5')}>
        {axis.code} – {axis.label}
      </h3>
      <p className={fr.cx('fr-text--sm')}>{axis.meaning}</p>
      <div className={fr.cx('fr-table', 'fr-table--bordered')}>
        <div className="fr-table__wrapper">
          <div className="fr-table__container">
            <div className="fr-table__content">
              <table>
                <caption>
                  {axis.label} : les pratiques de la structure
                  {columns.length > 0 && ' et la part des structures similaires qui les ont'}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Pratique</th>
                    <th scope="col">La structure</th>
                    {columns.map((c) => (
                      <th key={c.level} scope="col">
                        {columnLabel(c)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {axis.practices.map((p) => (
                    <tr key={p.code}>
                      <th scope="row">{p.label}</th>
                      <td>{answerText(p)}</td>
                      {columns.map((c) => (
                        <td key={c.level}>{shareText(p.peers?.find((s) => s.level === c.level))}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </div>
      </div>
    </section>
  );
}

/**
 * The qualitative axes of a structure's restitution (O04–O06): no single ratio, but the practices
 * in place (yes / no, dates) beside the share of the category's peers that have each one.
 */
export function QualitativeAxesSection({ year, finess }: { year: number; finess: string }) {
  const practices = useStructurePractices(year, finess);
  return (
    <section className={fr.cx('fr-mb-5w')} aria-labelledby="axes-qualitatifs">
      <h2 id="axes-qualitatifs" className={fr.cx('fr-h4')}>
        Pratiques en place : système d’information, développement durable, qualité et réglementation
      </h2>
      {practices.isPending ? (
        <PageLoader label="Chargement des pratiques…" />
      ) : practices.isError ? (
        <QueryError error={practices.error} headingAs="h3" onRetry={() => void practices.refetch()} />
      ) : (
        <>
          <p className={fr.cx('fr-text--sm')}>
            {practices.data.stage.peers.available
              ? `Pour chaque pratique, la réponse de la structure et la part des structures de sa catégorie (saisie validée ou confirmée) qui l’ont, parmi celles qui ont répondu ; une pratique datée est en place quand une date est saisie, une fonction est couverte par un logiciel dédié ou un module de progiciel (pas par un tableur). Un niveau de moins de 5 structures n’est pas diffusé (« ${SUPPRESSED_TEXT} »).`
              : 'Les réponses de la structure, sans comparaison pour l’instant.'}
          </p>
          {practices.data.axes.map((axis) => (
            <AxisTable key={axis.code} axis={axis} columns={peerColumns(practices.data)} />
          ))}
        </>
      )}
    </section>
  );
}
