import { forwardRef } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { SentEmail } from '@tdb/contracts';
import { DefinitionList } from '@/components/ui/definition-list';
import { formatDateTime } from '@/lib/format';
import { linkify } from '../utils/linkify';
import { EmailStatusBadge } from './email-status-badge';

/** One e-mail: its headers, and its text with the links made clickable. */
export const EmailReader = forwardRef<HTMLHeadingElement, { email: SentEmail; onClose: () => void }>(
  function EmailReader({ email, onClose }, headingRef) {
    return (
      <section aria-labelledby="courriel-titre" className="tdb-panel">
        <div className="tdb-results-header">
          <h2 id="courriel-titre" ref={headingRef} tabIndex={-1} className={fr.cx('fr-h5', 'fr-mb-0')}>
            {email.subject}
          </h2>
          <Button priority="tertiary" size="small" iconId="fr-icon-close-line" onClick={onClose}>
            Fermer le courriel
          </Button>
        </div>
        <DefinitionList
          items={[
            { term: 'Destinataire', value: email.to },
            { term: 'Date', value: formatDateTime(email.createdAt) },
            { term: 'Statut', value: <EmailStatusBadge status={email.status} /> },
          ]}
        />
        <div className="tdb-email-text fr-mt-3w">
          {linkify(email.text).map((part, index) =>
            part.type === 'link' ? (
              <a key={index} href={part.href} className={fr.cx('fr-link')}>
                {part.text}
              </a>
            ) : (
              <span key={index}>{part.text}</span>
            ),
          )}
        </div>
      </section>
    );
  },
);
