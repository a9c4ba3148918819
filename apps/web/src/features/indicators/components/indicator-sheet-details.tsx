import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { IndicatorSheet } from '@tdb/contracts';
import { DefinitionList } from '@/components/ui/definition-list';
import { categoriesLabel } from '@/lib/indicator-format';

const KIND_LABELS: Record<IndicatorSheet['kind'], string> = {
  ratio: 'Ratio',
  value: 'Valeur',
  distribution: 'Répartition',
};

function Source({ source }: { source: string }) {
  if (/^https?:\/\//.test(source)) {
    return (
      <a href={source} target="_blank" rel="noopener noreferrer" title={`${source} – nouvelle fenêtre`}>
        {source}
      </a>
    );
  }
  return <>{source}</>;
}

/** Everything an indicator sheet says: meaning, formula in words, unit, how to read it… */
export function IndicatorSheetDetails({ sheet }: { sheet: IndicatorSheet }) {
  const provisional = sheet.status === 'provisional';
  return (
    <>
      {provisional && (
        <Alert
          className={fr.cx('fr-mb-3w')}
          severity="warning"
          small
          description={sheet.provisionalNotice ?? 'Définition provisoire, à valider.'}
        />
      )}
      <DefinitionList
        items={[
          { term: 'Code', value: <span className="tdb-code">{sheet.code}</span> },
          { term: 'Axe', value: sheet.axisLabel },
          { term: 'Ce que mesure l’indicateur', value: sheet.meaning },
          { term: 'Formule', value: sheet.formulaInWords },
          { term: 'Unité', value: sheet.unit },
          { term: 'Type', value: KIND_LABELS[sheet.kind] },
          { term: 'Comment le lire', value: sheet.directionLabel },
          { term: 'Catégories concernées', value: categoriesLabel(sheet.categories) },
          {
            term: 'Statut',
            value: provisional ? 'Définition provisoire' : 'Définition vérifiée',
          },
          { term: 'Source', value: sheet.source ? <Source source={sheet.source} /> : null },
          {
            term: 'Notes',
            value:
              sheet.notes.length === 0 ? null : sheet.notes.length === 1 ? (
                sheet.notes[0]
              ) : (
                <ul className={fr.cx('fr-mb-0')}>
                  {sheet.notes.map((note) => (
                    <li key={note}>{note}</li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
    </>
  );
}
