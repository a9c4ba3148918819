import { fr } from '@codegouvfr/react-dsfr';

/** How an integration sends a token, and where the API is described. */
export function ApiTokenUsage() {
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  return (
    <>
      <p>
        Un jeton donne à une application (entrepôt de données, outil de pilotage…) un accès en{' '}
        <strong>lecture seule</strong> aux données du périmètre de son ARS ou de son Département, comme un
        lecteur. Il ne permet ni de modifier des données ni d'administrer des comptes.
      </p>
      <p>
        L'application l'envoie dans l'en-tête HTTP de chaque requête :{' '}
        <code className="tdb-code">Authorization: Bearer &lt;jeton&gt;</code>
      </p>
      <p className={fr.cx('fr-mb-1w')}>Par exemple, pour lister les structures :</p>
      <pre className="tdb-pre">
        <code>{`curl -H "Authorization: Bearer <jeton>" ${origin}/api/structures`}</code>
      </pre>
      <p>
        <a
          href="/api/docs"
          target="_blank"
          rel="noopener"
          title="Documentation de l'API (OpenAPI) – nouvelle fenêtre"
          className={fr.cx('fr-link')}
        >
          Documentation de l'API (OpenAPI)
        </a>
      </p>
      <p className={fr.cx('fr-text--sm')}>
        Révoquez un jeton dès qu'il n'est plus utilisé ou s'il a pu être divulgué : il est refusé
        immédiatement.
      </p>
    </>
  );
}
