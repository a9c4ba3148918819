import { useEffect, useRef } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { CreatedApiToken } from '@tdb/contracts';
import { CopyButton } from '@/components/ui/copy-button';

export const COPY_TOKEN_WARNING = 'Copiez ce jeton maintenant : il ne sera plus affiché.';

/** The secret of a token just created, its only appearance; the focus goes to it. */
export function CreatedTokenAlert({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [token.id]);

  return (
    <div ref={ref} tabIndex={-1} className={fr.cx('fr-mb-4w')}>
      <Alert
        severity="warning"
        title={`Le jeton « ${token.name} » est créé`}
        description={
          <>
            <strong style={{ display: 'block' }}>{COPY_TOKEN_WARNING}</strong>
            <span style={{ display: 'block' }} className={fr.cx('fr-mt-1w')}>
              Rattaché à : {token.organisationLabel}. Conservez-le dans le coffre-fort de secrets de
              l'application qui l'utilisera, jamais dans un courriel ni dans le code.
            </span>
            <span className="tdb-secret fr-mt-2w">
              <span className="fr-sr-only">Jeton : </span>
              <code className="tdb-secret__value" data-testid="created-token">
                {token.token}
              </code>
              <CopyButton text={token.token} label="Copier le jeton" />
            </span>
            <span style={{ display: 'block' }} className={fr.cx('fr-mt-2w')}>
              <Button size="small" priority="secondary" onClick={onDone}>
                J'ai copié le jeton
              </Button>
            </span>
          </>
        }
      />
    </div>
  );
}
