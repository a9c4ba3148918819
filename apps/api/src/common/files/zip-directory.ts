/**
 * The central directory of a ZIP archive (an XLSX file is one), read without decompressing
 * anything: names, methods, and the sizes each entry declares. Pure, so that a file is judged
 * before any decompression starts.
 */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the entry's local header. */
  offset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64 = 0xffffffff;

/** The entries, or why the buffer is not a ZIP archive we read (French). */
export function readZipDirectory(
  buffer: Buffer,
): { ok: true; entries: ZipEntry[] } | { ok: false; message: string } {
  const notZip = {
    ok: false as const,
    message: 'Le fichier n’est pas un classeur Excel (.xlsx) : archive illisible.',
  };
  // The end-of-central-directory record is in the last 22 bytes plus a comment of up to 65,535.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65_535); i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return notZip;
  const count = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  const start = buffer.readUInt32LE(eocd + 16);
  if (start === ZIP64 || size === ZIP64 || start + size > buffer.length)
    return { ok: false, message: 'Ce classeur utilise un format d’archive non pris en charge (ZIP64).' };
  const entries: ZipEntry[] = [];
  let at = start;
  for (let n = 0; n < count; n++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL) return notZip;
    const nameLength = buffer.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      uncompressedSize: buffer.readUInt32LE(at + 24),
      offset: buffer.readUInt32LE(at + 42),
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.compressedSize === ZIP64 || entry.uncompressedSize === ZIP64 || entry.offset === ZIP64)
      return { ok: false, message: 'Ce classeur utilise un format d’archive non pris en charge (ZIP64).' };
    entries.push(entry);
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return { ok: true, entries };
}

/** The compressed bytes of an entry (after its local header), or null when the header is wrong. */
export function entryData(buffer: Buffer, entry: ZipEntry): Buffer | null {
  const at = entry.offset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL) return null;
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  return end > buffer.length ? null : buffer.subarray(start, end);
}
