import { promisify } from 'node:util';
import { inflateRaw } from 'node:zlib';
import { WorkGate } from '../concurrency/work-gate';
import { DomainError } from '../errors/domain-error';
import { entryData, readZipDirectory } from './zip-directory';

const inflate = promisify(inflateRaw);

/**
 * Limits of an uploaded XLSX: the largest legitimate file (an OG's grid of 519 ESMS, a national
 * scope) decompresses to a few tens of MB; a "decompression bomb" of 1 MB to gigabytes.
 */
export const XLSX_LIMITS = {
  entries: 1_000,
  /** Sum of the entries' decompressed sizes. */
  totalBytes: 150 * 1024 * 1024,
  /** Decompressed / compressed, per entry above 1 MB decompressed (XML compresses 5–30×). */
  ratio: 200,
  /** XLSX files read at once (each holds its workbook in memory); more wait their turn. */
  concurrent: 2,
  /** Files waiting their turn; past that, "try again" rather than a growing queue. */
  waiting: 8,
} as const;

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} Mo`;

/**
 * Refuses, before any XLSX library decompresses it, an archive that would take the service down:
 * too many entries, too large once decompressed, or suspiciously compressed (413); then checks
 * that no entry decompresses to more than it declares — a lying header — by inflating each one in
 * the thread pool (off the event loop) with an output limit. False: not a readable archive.
 */
export async function assertSafeXlsx(buffer: Buffer, limits = XLSX_LIMITS): Promise<boolean> {
  const directory = readZipDirectory(buffer);
  // Not an archive we read: the caller says so in its own words (which file it expected).
  if (!directory.ok) return false;
  const { entries } = directory;
  const tooLarge = (detail: string) =>
    new DomainError(
      'PAYLOAD_TOO_LARGE',
      `Ce classeur est refusé : ${detail}. Un classeur de la plateforme reste bien en deçà ; vérifiez le fichier ou découpez-le.`,
    );
  if (entries.length > limits.entries) throw tooLarge(`il contient ${entries.length} fichiers internes`);
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (total > limits.totalBytes)
    throw tooLarge(`il occuperait ${mb(total)} une fois décompressé (au plus ${mb(limits.totalBytes)})`);
  for (const e of entries) {
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize > limits.ratio * Math.max(1, e.compressedSize))
      throw tooLarge(
        `« ${e.name} » est compressé de façon anormale (${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} fois)`,
      );
  }
  const readable = await Promise.all(
    entries.map(async (e): Promise<boolean> => {
      if (e.method === 0) {
        if (e.compressedSize !== e.uncompressedSize) throw tooLarge(`« ${e.name} » a une taille incohérente`);
        return true;
      }
      if (e.method !== 8) return false;
      const data = entryData(buffer, e);
      if (!data) return false;
      try {
        // One byte more than declared: enough to tell a lie, never more.
        const out = await inflate(data, { maxOutputLength: e.uncompressedSize + 1 });
        if (out.length > e.uncompressedSize) throw new RangeError('size');
        return true;
      } catch (error) {
        if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw tooLarge(`« ${e.name} » se décompresse en plus qu’il ne l’annonce`);
        return false;
      }
    }),
  );
  return readable.every(Boolean);
}

const xlsxGate = new WorkGate(
  { concurrent: XLSX_LIMITS.concurrent, waiting: XLSX_LIMITS.waiting },
  {
    busy: 'Trop de classeurs sont en cours de lecture : réessayez dans une minute, rien n’a été enregistré.',
  },
);

/**
 * Runs the reading of a checked XLSX with at most `concurrent` at once: a rush of uploads queues
 * instead of holding many workbooks in memory together; past `waiting`, a 503-like refusal.
 */
export function withXlsxSlot<T>(read: () => Promise<T>): Promise<T> {
  return xlsxGate.run(read);
}
