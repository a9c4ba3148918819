import { useCallback, useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';

export type LeaveGuardState = 'idle' | 'saving' | 'asking';

/**
 * Guards a page whose changes are saved in the background. Closing or reloading the tab with
 * changes not saved asks the browser's confirmation; following a link first sends what waits and
 * leaves once everything is saved, else asks the user (stay, or leave without the unsaved changes).
 */
export function useLeaveGuard(hasUnsaved: () => boolean, flush: () => Promise<void>) {
  const [state, setState] = useState<LeaveGuardState>('idle');
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && hasUnsaved(),
  );
  const blockerRef = useRef(blocker);
  blockerRef.current = blocker;

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    let cancelled = false;
    setState('saving');
    void flush().then(() => {
      if (cancelled) return;
      if (hasUnsaved()) setState('asking');
      else {
        setState('idle');
        blockerRef.current.proceed?.();
      }
    });
    return () => {
      cancelled = true;
    };
  }, [blocker.state, flush, hasUnsaved]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!hasUnsaved()) return;
      event.preventDefault();
      void flush();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [flush, hasUnsaved]);

  const stay = useCallback(() => {
    setState('idle');
    blockerRef.current.reset?.();
  }, []);
  const leave = useCallback(() => {
    setState('idle');
    blockerRef.current.proceed?.();
  }, []);

  return { state, stay, leave };
}
