import { useEffect, useRef } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';

/** A message announced where the focus is taken (role=status), closable. */
export function Notice({ text, onClose }: { text: string; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [text]);
  return (
    <div ref={ref} tabIndex={-1} className={fr.cx('fr-mb-4w')}>
      <Alert severity="success" small role="status" description={text} closable onClose={onClose} />
    </div>
  );
}

/** A refusal announced where the focus is taken (role=alert). */
export function ErrorNotice({ title, message }: { title: string; message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [message]);
  return (
    <div ref={ref} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
      <Alert severity="error" role="alert" title={title} description={message} />
    </div>
  );
}
