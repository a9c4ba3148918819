import { useCallback, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ItemValue, OgSubmissionDetail } from '@tdb/contracts';
import type { Item } from '@tdb/dictionary';
import { isApiClientError } from '@/lib/api-client';
import { getOrganisationEntry, getOrganisationEntryQueryOptions } from '../api/get-organisation-entry';
import { getSubmissionQueryOptions } from '../api/get-submission';
import { saveOgValues, saveSubmissionValues } from '../api/save-values';
import { AutosaveQueue, type Batch, type Outcome } from '../utils/autosave-queue';
import { isStaleCurrent, rebase, type Conflict } from '../utils/conflicts';
import {
  byCode,
  cellKey,
  OG_TARGET,
  valuesOf,
  versionOf,
  withFresher,
  withSavedRow,
  withStale,
} from '../utils/og-grid';
import { checkInput, sameValue, toInputText } from '../utils/values';
import { AUTOSAVE_DELAY_MS, type SaveState } from './use-submission-entry';

const CONFLICT_NOTICE =
  "Quelqu'un d'autre a modifié certaines de ces saisies pendant que vous les remplissiez : les valeurs actuelles ont été rechargées et vos autres modifications réappliquées.";

/**
 * The entry of an OG grid: the OG's own items and its structures' values, each cell kept as typed,
 * checked with the dictionary and autosaved (after a pause or on leaving a cell) on its own record
 * with the version the user saw — one request per structure, as the form does. A 409 never loses a
 * typed value: cells nobody else touched are sent again, a cell changed on both sides waits for
 * the user's choice.
 */
export function useOgGridEntry(year: number, ogFiness: string, structureCount: number) {
  const queryClient = useQueryClient();
  const key = getOrganisationEntryQueryOptions(year, ogFiness).queryKey;
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflicts, setConflicts] = useState<Record<string, Conflict>>({});
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [conflictNotice, setConflictNotice] = useState<string | null>(null);
  const [, setTick] = useState(0);
  const touch = () => setTick((n) => n + 1);
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
        // One request per record changed since the last pause.
        maxRounds: structureCount + 6,
      }),
  );
  const current = useCallback(() => queryClient.getQueryData<OgSubmissionDetail>(key), [queryClient, key]);
  const update = (fn: (old: OgSubmissionDetail) => OgSubmissionDetail) =>
    queryClient.setQueryData<OgSubmissionDetail>(key, (old) => (old ? fn(old) : old));
  const withoutKeys = <T>(all: Record<string, T>, keys: readonly string[]) => {
    if (!keys.some((k) => k in all)) return all;
    const next = { ...all };
    for (const k of keys) delete next[k];
    return next;
  };
  const setError = (cell: string, message: string | null) =>
    setErrors((all) => (message === null ? withoutKeys(all, [cell]) : { ...all, [cell]: message }));

  const refresh = async () => {
    try {
      const fresh = await getOrganisationEntry(year, ogFiness);
      queryClient.setQueryData<OgSubmissionDetail>(key, (old) => withFresher(old, fresh));
    } catch {
      // The values shown are the saved ones; the next save brings the rest.
    }
  };

  const send = async (batch: Batch): Promise<Outcome> => {
    const detail = current();
    const target = batch.target ?? OG_TARGET;
    const version = detail ? versionOf(detail, target) : undefined;
    if (!detail || version === undefined) return 'stop';
    const values = byCode(batch.values);
    setSaveState({ kind: 'saving' });
    try {
      if (target === OG_TARGET) {
        const saved = await saveOgValues(year, ogFiness, { version, values, source: batch.source });
        queryClient.setQueryData<OgSubmissionDetail>(key, (old) => withFresher(old, saved));
      } else {
        const saved = await saveSubmissionValues(year, target, { version, values, source: batch.source });
        update((old) => withSavedRow(old, saved));
        queryClient.setQueryData(getSubmissionQueryOptions(year, target).queryKey, saved);
      }
      queue.settle(batch);
      touch();
      setSaveState({ kind: 'saved', at: new Date() });
      void queryClient.invalidateQueries({ queryKey: ['submissions', year], refetchType: 'none' });
      return 'continue';
    } catch (error) {
      if (!isApiClientError(error)) {
        setSaveState({ kind: 'error', message: 'Une erreur inattendue a empêché l’enregistrement.' });
        return 'stop';
      }
      const level = batch.level;
      if (error.statusCode === 409 && error.code === 'STALE_VERSION' && isStaleCurrent(error.current)) {
        const remote = error.current;
        const pending = queue.valuesOf(level, target);
        const { reapply, conflicts: clashes } = rebase(
          valuesOf(detail, target),
          remote.values,
          byCode(pending),
        );
        const keep = Object.fromEntries(Object.keys(reapply).map((code) => [cellKey(target, code), true]));
        queue.keepOnly(level, keep, target);
        update((old) => withStale(old, target, remote));
        const clashCells = Object.fromEntries(
          Object.entries(clashes).map(([code, conflict]) => [cellKey(target, code), conflict]),
        );
        setConflicts((all) => ({ ...all, ...clashCells }));
        // Cells of this record the user is no longer changing show the current value.
        setDrafts((all) =>
          withoutKeys(
            all,
            Object.keys(all).filter(
              (cell) =>
                cell.startsWith(`${target}|`) &&
                !queue.has(cell) &&
                !(cell in clashCells) &&
                !(cell in errorsRef.current),
            ),
          ),
        );
        setConflictNotice(CONFLICT_NOTICE);
        touch();
        return 'refresh';
      }
      const refused = (error.errors ?? []).filter((e) => e.field !== undefined && e.field in values);
      if (error.statusCode === 400 && refused.length > 0) {
        for (const e of refused) {
          const cell = cellKey(target, e.field ?? '');
          setError(cell, e.message);
          queue.delete(cell);
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
  };
  sendRef.current = send;
  refreshRef.current = refresh;

  const stored = (target: string, code: string): ItemValue => {
    const detail = current();
    return detail ? (valuesOf(detail, target)[code] ?? null) : null;
  };

  /** The user typed or chose a value in a cell: kept as typed, checked, and (if valid) saved soon. */
  const change = (target: string, item: Item, raw: string) => {
    const cell = cellKey(target, item.code);
    setDrafts((all) => ({ ...all, [cell]: raw }));
    setConflicts((all) => withoutKeys(all, [cell]));
    const checked = checkInput(item, raw);
    if (!checked.ok) {
      setError(cell, checked.message);
      queue.delete(cell);
    } else {
      setError(cell, null);
      if (sameValue(checked.value, stored(target, item.code)) && !queue.busy) queue.delete(cell);
      else
        queue.set(cell, {
          value: checked.value,
          level: target === OG_TARGET ? 'og' : 'structure',
          source: 'FORM',
          target,
        });
    }
    touch();
    queue.schedule();
  };

  /** Ends a conflict: keep the user's value (saved now) or the one saved by someone else. */
  const resolveConflict = (target: string, item: Item, keep: 'mine' | 'theirs') => {
    const cell = cellKey(target, item.code);
    const conflict = conflicts[cell];
    if (!conflict) return;
    setConflicts((all) => withoutKeys(all, [cell]));
    if (keep === 'mine') {
      queue.set(cell, {
        value: conflict.mine,
        level: target === OG_TARGET ? 'og' : 'structure',
        source: 'FORM',
        target,
      });
      touch();
      void queue.flush();
    } else setDrafts((all) => withoutKeys(all, [cell]));
  };

  const flush = useCallback(() => queue.flush(), [queue]);
  const invalidCount = Object.keys(errors).length;
  const conflictCount = Object.keys(conflicts).length;
  const conflictsRef = useRef(conflicts);
  conflictsRef.current = conflicts;
  /** Whether leaving now would lose something: waiting, on its way, refused or in conflict. */
  const hasUnsaved = useCallback(
    () =>
      queue.size > 0 ||
      queue.busy ||
      Object.keys(errorsRef.current).length > 0 ||
      Object.keys(conflictsRef.current).length > 0,
    [queue],
  );

  return {
    textOf: (target: string, code: string) =>
      drafts[cellKey(target, code)] ?? toInputText(stored(target, code)),
    errorOf: (target: string, code: string): string | undefined => errors[cellKey(target, code)],
    conflictOf: (target: string, code: string): Conflict | undefined => conflicts[cellKey(target, code)],
    isPending: (target: string, code: string) => queue.has(cellKey(target, code)),
    hasPendingFor: (target: string) => Object.keys(queue.valuesOf('structure', target)).length > 0,
    hasProblemFor: (target: string) =>
      [...Object.keys(errors), ...Object.keys(conflicts)].some((cell) => cell.startsWith(`${target}|`)),
    pendingCount: queue.size,
    invalidCount,
    conflictCount,
    saveState,
    conflictNotice,
    dismissConflictNotice: () => setConflictNotice(null),
    change,
    commit: () => {
      void queue.flush();
    },
    flush,
    hasUnsaved,
    resolveConflict,
  };
}
