import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { LateStructure } from '@tdb/contracts';
import { formatDateFr } from '@tdb/submission-workflow';
import { DataTable } from '@/components/ui/data-table';
import { SubmissionStatusBadge } from '@/components/ui/submission-status-badge';
import { percent } from '@/lib/format';
import { paths } from '@/lib/paths';

export function DaysLeft({ structure }: { structure: LateStructure }) {
  if (structure.overdue || structure.daysLeft < 0) {
    return (
      <Badge as="span" severity="error" small noIcon>
        En retard
      </Badge>
    );
  }
  const days =
    structure.daysLeft === 0
      ? 'Dernier jour'
      : `${structure.daysLeft} jour${structure.daysLeft > 1 ? 's' : ''}`;
  // Within an extension granted by the authority, the days count up to its last day.
  if (structure.extension?.current) {
    return (
      <>
        {days}
        <br />
        <span className="fr-text--xs">délai jusqu'au {formatDateFr(structure.extension.until)}</span>
      </>
    );
  }
  return <>{days}</>;
}

/** The structures of one's scope that have not validated their submission yet. */
export function LateStructures({ year, late }: { year: number; late: LateStructure[] }) {
  if (late.length === 0) {
    return <p className={fr.cx('fr-text--sm')}>Aucune structure en retard dans votre périmètre.</p>;
  }
  return (
    <DataTable<LateStructure>
      caption="Structures en retard"
      hideCaption
      rows={late}
      rowKey={(row) => row.finess}
      columns={[
        {
          key: 'name',
          header: 'Structure',
          rowHeader: true,
          cell: (row) => (
            <>
              <Link to={paths.submission.href(year, row.finess)}>{row.name}</Link>
              <br />
              <span className="tdb-code fr-text--xs">{row.finess}</span>
            </>
          ),
        },
        { key: 'category', header: 'Catégorie', cell: (row) => row.categoryLabel },
        { key: 'department', header: 'Dépt', cell: (row) => row.departmentCode },
        { key: 'status', header: 'Statut', cell: (row) => <SubmissionStatusBadge status={row.status} /> },
        { key: 'completeness', header: 'Complétude', cell: (row) => percent(row.completeness) },
        { key: 'daysLeft', header: 'Jours restants', cell: (row) => <DaysLeft structure={row} /> },
      ]}
    />
  );
}
