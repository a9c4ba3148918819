import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ItemValue, SubmissionDetail, ValueMap } from '@tdb/contracts';
import type { Item } from '@tdb/dictionary';
import { isApiClientError } from '@/lib/api-client';
import { getSubmission, getSubmissionQueryOptions } from '../api/get-submission';
import { saveOgValues, saveSubmissionValues } from '../api/save-values';
import { rebase, type Conflict } from '../utils/conflicts';
import { checkInput, sameValue, toInputText } from '../utils/values';

export const AUTOSAVE_DELAY_MS = 800;

type Level = 'structure' | 'og';
type Source = 'FORM' | 'PREVIOUS_YEAR';

interface PendingChange {
  value: ItemValue;
  level: Level;
  source: Source;
}

export type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; message: string };

interface StaleCurrent {
  version: number;
  status?: SubmissionDetail['status'];
  values: ValueMap;
  ogValues?: ValueMap;
  ogVersion?: number;
}

function isStaleCurrent(value: unknown): value is StaleCurrent {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StaleCurrent).version === 'number' &&
    typeof (value as StaleCurrent).values === 'object'
  );
}

const CONFLICT_MESSAGE =
  "Quelqu'un d'autre a modifié cette saisie pendant que vous la remplissiez. Les valeurs actuelles ont été rechargées et vos modifications des autres données ont été réappliquées.";

/**
 * The entry of one structure's values: what the user typed (kept as typed), checked in the browser
 * with the dictionary, and autosaved (after a pause or on leaving a field) with the version the
 * user saw. A 409 never loses a typed value: changes on other items are sent again on the current
 * version, and an item changed on both sides is set aside for the user to choose.
 */
export function useSubmissionEntry(year: number, finess: string, itemsByCode: ReadonlyMap<string, Item>) {
  const queryClient = useQueryClient();
  const key = getSubmissionQueryOptions(year, finess).queryKey;
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflicts, setConflicts] = useState<Record<string, Conflict>>({});
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [conflictNotice, setConflictNotice] = useState<string | null>(null);
  const [, setTick] = useState(0);
  const errorsRef = useRef(errors);
  errorsRef.current = errors;
  const pending = useRef(new Map<string, PendingChange>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const running = useRef<Promise<void> | null>(null);
  const again = useRef(false);

  const current = useCallback(() => queryClient.getQueryData<SubmissionDetail>(key), [queryClient, key]);
  const touch = () => setTick((n) => n + 1);

  const setError = (code: string, message: string | null) =>
    setErrors((all) => {
      if (message === null) {
        if (!(code in all)) return all;
        const { [code]: _removed, ...rest } = all;
        return rest;
      }
      return { ...all, [code]: message };
    });

  /** Loads the full detail (completeness, issues) after a conflict, unless a newer one is already shown. */
  const refresh = useCallback(async () => {
    try {
      const fresh = await getSubmission(year, finess);
      queryClient.setQueryData<SubmissionDetail>(key, (old) =>
        old && (old.version > fresh.version || old.ogVersion > fresh.ogVersion) ? old : fresh,
      );
    } catch {
      // The values shown are those of the 409; the next save brings the rest.
    }
  }, [finess, key, queryClient, year]);

  /** Sends one batch (one level, one source). Returns whether to go on with the rest. */
  const sendOnce = useCallback(async (): Promise<'continue' | 'stop' | 'refresh'> => {
    const detail = current();
    if (!detail) return 'stop';
    const entries = [...pending.current.entries()];
    const group = (['structure', 'og'] as const)
      .flatMap((level) => (['FORM', 'PREVIOUS_YEAR'] as const).map((source) => ({ level, source })))
      .find((g) => entries.some(([, c]) => c.level === g.level && c.source === g.source));
    if (!group) return 'stop';
    const batch: ValueMap = {};
    for (const [code, change] of entries) {
      if (change.level === group.level && change.source === group.source) batch[code] = change.value;
    }
    setSaveState({ kind: 'saving' });
    const clearSent = () => {
      for (const [code, value] of Object.entries(batch)) {
        const now = pending.current.get(code);
        if (now && sameValue(now.value, value)) pending.current.delete(code);
      }
      touch();
    };
    try {
      if (group.level === 'structure') {
        const saved = await saveSubmissionValues(year, finess, {
          version: detail.version,
          values: batch,
          source: group.source,
        });
        queryClient.setQueryData(key, saved);
        clearSent();
        setSaveState({ kind: 'saved', at: new Date() });
        return 'continue';
      }
      const saved = await saveOgValues(year, detail.ogFiness, {
        version: detail.ogVersion,
        values: batch,
        source: group.source,
      });
      queryClient.setQueryData<SubmissionDetail>(key, (old) =>
        old ? { ...old, ogValues: saved.values, ogVersion: saved.version } : old,
      );
      clearSent();
      setSaveState({ kind: 'saved', at: new Date() });
      return 'refresh';
    } catch (error) {
      if (!isApiClientError(error)) {
        setSaveState({ kind: 'error', message: 'Une erreur inattendue a empêché l’enregistrement.' });
        return 'stop';
      }
      if (error.statusCode === 409 && error.code === 'STALE_VERSION' && isStaleCurrent(error.current)) {
        const remote = error.current;
        const known = group.level === 'structure' ? detail.values : detail.ogValues;
        const theirs = group.level === 'structure' ? remote.values : (remote.ogValues ?? remote.values);
        const mine: ValueMap = {};
        for (const [code, change] of pending.current)
          if (change.level === group.level) mine[code] = change.value;
        const { reapply, conflicts: clashes } = rebase(known, theirs, mine);
        for (const [code, change] of [...pending.current]) {
          if (change.level === group.level && !(code in reapply)) pending.current.delete(code);
        }
        queryClient.setQueryData<SubmissionDetail>(key, (old) => {
          if (!old) return old;
          if (group.level === 'og' && remote.ogValues === undefined) {
            return { ...old, ogValues: remote.values, ogVersion: remote.version };
          }
          return {
            ...old,
            version: remote.version,
            status: remote.status ?? old.status,
            values: remote.values,
            ogValues: remote.ogValues ?? old.ogValues,
            ogVersion: remote.ogVersion ?? old.ogVersion,
          };
        });
        setConflicts((all) => ({ ...all, ...clashes }));
        // Show the current value of every item the user is not changing (or choosing about).
        setDrafts((all) => {
          const next: Record<string, string> = {};
          for (const [code, text] of Object.entries(all)) {
            if (pending.current.has(code) || code in clashes || code in errorsRef.current) next[code] = text;
          }
          return next;
        });
        const clashCount = Object.keys(clashes).length;
        setConflictNotice(
          clashCount === 0
            ? CONFLICT_MESSAGE
            : `${CONFLICT_MESSAGE} ${clashCount === 1 ? 'Une donnée a' : `${clashCount} données ont`} été modifiée${clashCount === 1 ? '' : 's'} des deux côtés : choisissez la valeur à garder.`,
        );
        touch();
        return 'refresh';
      }
      if (error.statusCode === 400 && error.errors?.some((e) => e.field !== undefined && e.field in batch)) {
        for (const detailError of error.errors) {
          if (detailError.field !== undefined && detailError.field in batch) {
            setError(detailError.field, detailError.message);
            pending.current.delete(detailError.field);
          }
        }
        touch();
        setSaveState({ kind: 'error', message: 'Certaines valeurs ont été refusées : corrigez-les.' });
        return 'continue';
      }
      setSaveState({
        kind: 'error',
        message: `${error.message} Vos valeurs sont conservées dans la page et seront renvoyées à la prochaine modification.`,
      });
      return 'stop';
    }
  }, [current, finess, key, queryClient, year]);

  const flush = useCallback((): Promise<void> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (running.current) {
      again.current = true;
      return running.current;
    }
    const run = (async () => {
      let refreshNeeded = false;
      let rounds = 0;
      do {
        again.current = false;
        const outcome = await sendOnce();
        if (outcome === 'refresh') refreshNeeded = true;
        if (outcome === 'stop') break;
        rounds += 1;
      } while ((again.current || pending.current.size > 0) && rounds < 6);
      if (refreshNeeded) await refresh();
    })().finally(() => {
      running.current = null;
    });
    running.current = run;
    return run;
  }, [refresh, sendOnce]);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
  }, [flush]);

  const storedValue = useCallback(
    (item: Item): ItemValue => {
      const detail = current();
      const values = item.ogLevel ? detail?.ogValues : detail?.values;
      return values?.[item.code] ?? null;
    },
    [current],
  );

  /** The user typed or chose a value: kept as typed, checked, and (if valid) saved soon. */
  const change = useCallback(
    (item: Item, raw: string) => {
      setDrafts((all) => ({ ...all, [item.code]: raw }));
      setConflicts((all) => {
        if (!(item.code in all)) return all;
        const { [item.code]: _resolved, ...rest } = all;
        return rest;
      });
      const checked = checkInput(item, raw);
      if (!checked.ok) {
        setError(item.code, checked.message);
        pending.current.delete(item.code);
      } else {
        setError(item.code, null);
        if (sameValue(checked.value, storedValue(item)) && !running.current)
          pending.current.delete(item.code);
        else
          pending.current.set(item.code, {
            value: checked.value,
            level: item.ogLevel ? 'og' : 'structure',
            source: 'FORM',
          });
      }
      touch();
      schedule();
    },
    [schedule, storedValue],
  );

  /** Fills items with last year's values (source PREVIOUS_YEAR) and saves at once. */
  const takePrevious = useCallback(
    (items: readonly Item[]) => {
      const detail = current();
      if (!detail) return;
      const texts: Record<string, string> = {};
      for (const item of items) {
        const previous = detail.previousValues[item.code];
        if (previous === null || previous === undefined) continue;
        texts[item.code] = toInputText(previous);
        setError(item.code, null);
        pending.current.set(item.code, {
          value: previous,
          level: item.ogLevel ? 'og' : 'structure',
          source: 'PREVIOUS_YEAR',
        });
      }
      setDrafts((all) => ({ ...all, ...texts }));
      touch();
      void flush();
    },
    [current, flush],
  );

  /** Ends a conflict: keep the user's value (saved now) or the one saved by someone else. */
  const resolveConflict = useCallback(
    (code: string, keep: 'mine' | 'theirs') => {
      const conflict = conflicts[code];
      const item = itemsByCode.get(code);
      if (!conflict || !item) return;
      setConflicts((all) => {
        const { [code]: _resolved, ...rest } = all;
        return rest;
      });
      if (keep === 'mine') {
        pending.current.set(code, {
          value: conflict.mine,
          level: item.ogLevel ? 'og' : 'structure',
          source: 'FORM',
        });
        touch();
        void flush();
      } else {
        setDrafts((all) => {
          const { [code]: _dropped, ...rest } = all;
          return rest;
        });
      }
    },
    [conflicts, flush, itemsByCode],
  );

  // Leaving the page: send what is left, and warn while changes are not saved.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (pending.current.size > 0 || running.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(
    () => () => {
      if (pending.current.size > 0) void flushRef.current();
    },
    [],
  );

  const textOf = (item: Item): string => drafts[item.code] ?? toInputText(storedValue(item));

  return {
    textOf,
    errors,
    conflicts,
    saveState,
    conflictNotice,
    dismissConflictNotice: () => setConflictNotice(null),
    isPending: (code: string) => pending.current.has(code),
    pendingCount: pending.current.size,
    change,
    commit: () => void flush(),
    flush,
    takePrevious,
    resolveConflict,
  };
}
