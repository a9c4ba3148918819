import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { parseSearchParams, toSearchParams, type StructureSearchState } from '../utils/search-params';

/**
 * The structures search lives in the URL (bookmarkable, back/forward work). `update` changes some
 * criteria and goes back to page 1 unless a page is given.
 */
export function useStructureSearch() {
  const [searchParams, setSearchParams] = useSearchParams();
  const state = useMemo(() => parseSearchParams(searchParams), [searchParams]);

  const update = useCallback(
    (patch: Partial<StructureSearchState>, options: { replace?: boolean } = {}) => {
      setSearchParams((previous) => toSearchParams({ ...parseSearchParams(previous), page: 1, ...patch }), {
        replace: options.replace ?? false,
        preventScrollReset: true,
      });
    },
    [setSearchParams],
  );

  return { state, update };
}

/**
 * The text of a search box that commits to the URL after a pause in typing (or at once on submit),
 * and follows the URL when it changes from elsewhere (back button, "reset" link).
 */
export function useDebouncedSearchText(committed: string, commit: (value: string) => void, delayMs = 350) {
  const [text, setText] = useState(committed);
  const [lastSeen, setLastSeen] = useState(committed);
  const [ownCommit, setOwnCommit] = useState<string | null>(null);

  if (committed !== lastSeen) {
    setLastSeen(committed);
    if (committed === ownCommit) setOwnCommit(null);
    else setText(committed);
  }

  const flush = useCallback(
    (value: string) => {
      if (value.trim() === committed.trim()) return;
      setOwnCommit(value.trim() === '' ? '' : value);
      commit(value);
    },
    [commit, committed],
  );

  useEffect(() => {
    if (text.trim() === committed.trim()) return undefined;
    const timer = setTimeout(() => flush(text), delayMs);
    return () => clearTimeout(timer);
  }, [text, committed, flush, delayMs]);

  return { text, setText, flush: () => flush(text) };
}
