interface Entry<V> {
  value: Promise<V>;
  expiresAt: number;
  tag: string | null;
}

/**
 * A small in-process read cache for public figures: concurrent readers of one key share one load,
 * a value lives `ttlMs` after it loaded, and `invalidate(tag)` drops a campaign's entries at once
 * (a load already under way when a change commits is handed to its waiting readers but not kept).
 */
export class TotalsCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 2000,
  ) {}

  get(key: string, load: () => Promise<{ value: V; tag: string }>): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    const entry: Entry<V> = { value: undefined as unknown as Promise<V>, expiresAt: Number.POSITIVE_INFINITY, tag: null };
    entry.value = load().then(
      ({ value, tag }) => {
        entry.tag = tag;
        entry.expiresAt = Date.now() + this.ttlMs;
        return value;
      },
      (error: unknown) => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      },
    );
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return entry.value;
  }

  /** Drops every entry of this tag, and every entry still loading (its tag is not known yet). */
  invalidate(tag: string): void {
    for (const [key, entry] of this.entries) if (entry.tag === tag || entry.tag === null) this.entries.delete(key);
  }
}
