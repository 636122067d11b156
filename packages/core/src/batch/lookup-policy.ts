/**
 * Whether a submission with a client id reads the id before inserting it: always (`true`), never
 * (`false`), or `'adaptive'` — while the recent submissions' ids were often already stored.
 */
export type LookupBeforeInsert = boolean | 'adaptive'

/** The lookup settings, for checking options. */
export const LOOKUP_BEFORE_INSERT_SETTINGS: readonly LookupBeforeInsert[] = [true, false, 'adaptive']

/**
 * How much one submission moves the estimate: about the last 16 submissions with a client id count.
 * A burst of retries turns the lookup on within 4 duplicates; a return to new ids turns it off after
 * about 25.
 */
const WEIGHT = 1 / 16

/**
 * The share of duplicates above which reading first is preferred. Per submission with a client id,
 * reading first costs `read + (1 − p)·insert` and inserting first `(1 − p)·insert + p·(failed insert +
 * read)`, so reading first is cheaper once `p > read / (read + failed insert)`. Measured (`pnpm bench`,
 * BENCHMARKS.md), that break-even is about 0.25 on SQLite and 0.45 on MariaDB, and it moves with the
 * machine (0.13 and 0.27 on another). 0.2 leans towards reading: a retry storm answered by reads takes
 * no write lock (SQLite's single writer) and no record lock, which a single client's figures do not show.
 */
const LOOKUP_ABOVE_SHARE = 0.2

/**
 * Decides, submission by submission, whether to read a client's id before inserting it. Both paths
 * create the same batches and answer the same duplicates (the unique key settles every race); they
 * differ in cost. A new id pays for the read, and a duplicate answered by a failed insert pays for the
 * insert attempt and its write lock. With `'adaptive'` the engine keeps a moving estimate of the share
 * of duplicates among recent submissions with a client id and reads first while that share is high:
 * steady traffic of new ids costs one insert each, and a storm of client retries (typically after an
 * outage) is answered by reads that take no write lock. It starts by reading first, since the first submissions after a
 * restart are the likeliest to be retries.
 *
 * @example
 * ```ts
 * const policy = new LookupPolicy('adaptive')
 * if (policy.readFirst()) { ... }
 * policy.recordOutcome(existed)
 * ```
 */
export class LookupPolicy {
  /** A moving estimate of the share of submissions whose id was already stored. */
  #duplicateShare = 1

  constructor(private readonly setting: LookupBeforeInsert) {}

  /** Whether the next submission with a client id should read the id before inserting. */
  readFirst(): boolean {
    if (this.setting !== 'adaptive') return this.setting
    return this.#duplicateShare > LOOKUP_ABOVE_SHARE
  }

  /** Records whether a submitted client id turned out to be stored already (by either path). */
  recordOutcome(existed: boolean): void {
    this.#duplicateShare += ((existed ? 1 : 0) - this.#duplicateShare) * WEIGHT
  }

  /** The current estimate of the share of duplicates (between 0 and 1), for diagnostics and tests. */
  get duplicateShare(): number {
    return this.#duplicateShare
  }
}
