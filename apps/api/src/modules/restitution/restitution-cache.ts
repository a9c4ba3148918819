/**
 * Answers kept in memory, bounded in bytes, the least recently used dropped first. Each entry
 * carries the stamp it was made for: a reader passes the current stamp and gets the entry only
 * when it matches (a changed stamp is a changed answer, whatever the age of the entry).
 */
export class StampedLruCache<V> {
  private readonly entries = new Map<string, { stamp: string; value: V; bytes: number; at: number }>();
  private size = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly maxAgeMs: number,
    /** The memory an entry takes, in bytes. */
    private readonly sizeOf: (value: V) => number,
    private readonly now: () => number = Date.now,
  ) {}

  get bytes(): number {
    return this.size;
  }

  get(key: string, stamp: string): V | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.stamp !== stamp || this.now() - entry.at > this.maxAgeMs) {
      this.remove(key);
      return null;
    }
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, stamp: string, value: V): void {
    this.remove(key);
    const bytes = this.sizeOf(value);
    if (bytes > this.maxBytes) return;
    this.entries.set(key, { stamp, value, bytes, at: this.now() });
    this.size += bytes;
    for (const [oldest] of this.entries) {
      if (this.size <= this.maxBytes) break;
      this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.size -= entry.bytes;
  }
}
