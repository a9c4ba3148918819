import { fr } from '@codegouvfr/react-dsfr';
import type { QualitativeAxisSheet } from '@tdb/contracts';

/**
 * The guide's sheets of the qualitative axes (O04–O06): no single ratio, the practices they are
 * read through, and how the restitution shows them.
 */
export function QualitativeAxisSheets({ axes }: { axes: readonly QualitativeAxisSheet[] }) {
  if (axes.length === 0) return null;
  return (
    <section className={fr.cx('fr-mb-5w')} aria-labelledby="guide-axes-qualitatifs">
      <h2 id="guide-axes-qualitatifs" className={fr.cx('fr-h4')}>
        Axes qualitatifs : des pratiques, pas un ratio
      </h2>
      <p>
        Ces axes n’ont pas d’indicateur chiffré unique. La restitution montre, pour chaque pratique, la
        réponse de la structure (oui, non, la date, l’outil ou le nombre de modules) et la part des structures
        de sa catégorie, au niveau national, régional et départemental, qui l’ont en place — aucun chiffre
        pour un groupe de moins de 5 structures.
      </p>
      {axes.map((axis) => (
        <article key={axis.code} className={fr.cx('fr-mb-3w')} aria-labelledby={`guide-${axis.code}`}>
          <h3 id={`guide-${axis.code}`} className={fr.cx('fr-h5')}>
            {axis.code} – {axis.label}
          </h3>
          <p>{axis.meaning}</p>
          <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
            {axis.practices.length} pratiques, lues dans les données saisies :
          </p>
          <ul className={fr.cx('fr-text--sm')}>
            {axis.practices.map((p) => (
              <li key={p.code}>
                {p.label} — {p.rule}
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
