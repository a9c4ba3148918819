import { useEffect, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';

type CopyState = 'idle' | 'copied' | 'failed';

/**
 * Copies `text` to the clipboard, and says so (role=status) for screen reader users. When the
 * browser refuses (no clipboard access), the user is told to select the text instead.
 */
export function CopyButton({
  text,
  label = 'Copier',
  title,
  size = 'small',
}: {
  text: string;
  label?: string;
  /** Accessible name when several copy buttons share the page ("Copier la clé secrète"). */
  title?: string;
  size?: 'small' | 'medium';
}) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state !== 'copied') return undefined;
    const timer = setTimeout(() => setState('idle'), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <span className="tdb-copy">
      <Button
        type="button"
        priority="secondary"
        size={size}
        iconId={state === 'copied' ? 'fr-icon-check-line' : 'fr-icon-clipboard-line'}
        iconPosition="left"
        title={title}
        onClick={() => void copy()}
      >
        {state === 'copied' ? 'Copié' : label}
      </Button>
      <span role="status" className={state === 'failed' ? fr.cx('fr-error-text', 'fr-mt-0') : 'fr-sr-only'}>
        {state === 'copied'
          ? 'Copié dans le presse-papiers.'
          : state === 'failed'
            ? 'La copie a échoué : sélectionnez le texte puis copiez-le (Ctrl+C).'
            : ''}
      </span>
    </span>
  );
}
