import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ItemValue, SubmissionDetail } from '@tdb/contracts';
import type { Item } from '@tdb/dictionary';
import { isApiClientError } from '@/lib/api-client';
import { getSubmission, getSubmissionQueryOptions } from '../api/get-submission';
import { saveOgValues, saveSubmissionValues } from '../api/save-values';
import {
  conflictNoticeText,
  isStaleCurrent,
  rebase,
  withStaleCurrent,
  type Conflict,
} from '../utils/conflicts';
import { AutosaveQueue, type Batch, type Outcome } from '../utils/autosave-queue';
import { checkInput, sameValue, toInputText } from '../utils/values';

export const AUTOSAVE_DELAY_MS = 800;

export type SaveState =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; message: string };

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
  const sendRef = useRef<(batch: Batch) => Promise<Outcome>>(async () => 'stop');
  const refreshRef = useRef<() => Promise<void>>(async () => undefined);
  const [queue] = useState(
    () =>
      new AutosaveQueue({
        delayMs: AUTOSAVE_DELAY_MS,
        send: (batch) => sendRef.current(batch),
        refresh: () => refreshRef.current(),
      }),
  );

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
  const sendOnce = useCallback(
    async (batch: Batch): Promise<Outcome> => {
      const detail = current();
      if (!detail) return 'stop';
      const group = batch;
      setSaveState({ kind: 'saving' });
      const clearSent = () => {
        queue.settle(batch);
        touch();
      };
      try {
        if (group.level === 'structure') {
          const saved = await saveSubmissionValues(year, finess, {
            version: detail.version,
            values: batch.values,
            source: group.source,
          });
          queryClient.setQueryData(key, saved);
          clearSent();
          setSaveState({ kind: 'saved', at: new Date() });
          return 'continue';
        }
        const saved = await saveOgValues(year, detail.ogFiness, {
          version: detail.ogVersion,
          values: batch.values,
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
          const { reapply, conflicts: clashes } = rebase(known, theirs, queue.valuesOf(group.level));
          queue.keepOnly(group.level, reapply);
          queryClient.setQueryData<SubmissionDetail>(key, (old) =>
            old ? withStaleCurrent(old, remote, group.level) : old,
          );
          setConflicts((all) => ({ ...all, ...clashes }));
          // Show the current value of every item the user is not changing (or choosing about).
          setDrafts((all) => {
            const next: Record<string, string> = {};
            for (const [code, text] of Object.entries(all)) {
              if (queue.has(code) || code in clashes || code in errorsRef.current) next[code] = text;
            }
            return next;
          });
          setConflictNotice(conflictNoticeText(Object.keys(clashes).length));
          touch();
          return 'refresh';
        }
        if (
          error.statusCode === 400 &&
          error.errors?.some((e) => e.field !== undefined && e.field in batch.values)
        ) {
          for (const detailError of error.errors) {
            if (detailError.field !== undefined && detailError.field in batch.values) {
              setError(detailError.field, detailError.message);
              queue.delete(detailError.field);
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
    },
    [current, finess, key, queue, queryClient, year],
  );
  sendRef.current = sendOnce;
  refreshRef.current = refresh;

  const flush = useCallback((): Promise<void> => queue.flush(), [queue]);
  const schedule = useCallback(() => queue.schedule(), [queue]);

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
        queue.delete(item.code);
      } else {
        setError(item.code, null);
        if (sameValue(checked.value, storedValue(item)) && !queue.busy) queue.delete(item.code);
        else
          queue.set(item.code, {
            value: checked.value,
            level: item.ogLevel ? 'og' : 'structure',
            source: 'FORM',
          });
      }
      touch();
      schedule();
    },
    [queue, schedule, storedValue],
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
        queue.set(item.code, {
          value: previous,
          level: item.ogLevel ? 'og' : 'structure',
          source: 'PREVIOUS_YEAR',
        });
      }
      setDrafts((all) => ({ ...all, ...texts }));
      touch();
      void flush();
    },
    [current, flush, queue],
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
        queue.set(code, {
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
    [conflicts, flush, itemsByCode, queue],
  );

  // Leaving the page: send what is left, and warn while changes are not saved.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (queue.size > 0 || queue.busy) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [queue]);
  useEffect(
    () => () => {
      if (queue.size > 0) void queue.flush();
    },
    [queue],
  );

  const textOf = (item: Item): string => drafts[item.code] ?? toInputText(storedValue(item));

  return {
    textOf,
    errors,
    conflicts,
    saveState,
    conflictNotice,
    dismissConflictNotice: () => setConflictNotice(null),
    isPending: (code: string) => queue.has(code),
    pendingCount: queue.size,
    change,
    commit: () => void flush(),
    flush,
    takePrevious,
    resolveConflict,
  };
}
