import { useEffect } from 'react';
import { useLocation } from 'react-router';

const FOCUSABLE = 'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled)';

/**
 * Follows a link to a field of the form (« #donnee-code »): once the page shows it (the domain may
 * have just changed), scrolls it into view and focuses its first enabled control, or the field's
 * block when it is read only. Every navigation counts (the same link followed twice).
 */
export function useFocusHash(ready: boolean): void {
  const { hash, key } = useLocation();
  useEffect(() => {
    if (!ready || hash.length < 2) return;
    const id = decodeURIComponent(hash.slice(1));
    const frame = requestAnimationFrame(() => {
      const block = document.getElementById(`${id}-bloc`) ?? document.getElementById(id);
      if (!block) return;
      const control = block.matches(FOCUSABLE) ? block : block.querySelector<HTMLElement>(FOCUSABLE);
      const target = control ?? block;
      if (!control) block.setAttribute('tabindex', '-1');
      block.scrollIntoView?.({ block: 'center' });
      target.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [hash, key, ready]);
}
