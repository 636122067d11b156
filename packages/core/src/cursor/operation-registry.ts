import { randomUUID } from 'node:crypto'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { FetchOrientation } from './fetch-orientation.js'
import type { OperationCursor } from './operation-cursor.js'
import { checkInteger, describeValue } from './option-checks.js'
import type { RowSet } from './row-set.js'
import { reportSafely } from '../errors/report-safely.js'
import { thrownMessage } from '../errors/describe-value.js'

/** Kyuubi's default operation idle timeout (`kyuubi.operation.idle.timeout`, PT3H). */
const DEFAULT_IDLE_TIMEOUT_MS = 3 * 60 * 60 * 1000
const MIN_SWEEP_INTERVAL_MS = 1_000
const MAX_SWEEP_INTERVAL_MS = 60_000

/**
 * Options of an {@link OperationRegistry}.
 *
 * @example
 * ```ts
 * new OperationRegistry({ idleTimeoutMs: 10 * 60_000, onCloseError: (err, handle) => log.warn({ err, handle }) })
 * ```
 */
export interface OperationRegistryOptions {
  /** Close cursors not fetched from for this long (default 3 hours; `Infinity` never). */
  readonly idleTimeoutMs?: number | undefined
  /** How often to look for idle cursors (default the idle timeout, within 1 s to 1 min; `Infinity` never). */
  readonly sweepIntervalMs?: number | undefined
  /** The clock, in epoch milliseconds (default `Date.now`); tests pass their own. */
  readonly now?: (() => number) | undefined
  /** Told when closing a cursor in {@link OperationRegistry.closeIdle} or `closeAll` fails (default: a process warning). */
  readonly onCloseError?: ((error: unknown, handle: string) => void) | undefined
}

interface Entry<T> {
  readonly cursor: OperationCursor<T>
  lastUsed: number
  fetching: number
}

/**
 * The host's table of open cursors: each is opened under a handle that the host hands to its client,
 * fetched and closed by that handle, and closed for it when left idle longer than `idleTimeoutMs`. A cursor
 * with a fetch in progress is never closed for being idle. Unknown handles fail with `OPERATION_NOT_FOUND`.
 *
 * @example
 * ```ts
 * const registry = new OperationRegistry<Row>({ idleTimeoutMs: 15 * 60_000 })
 * const handle = registry.open(cursorFromArray(rows))
 * const block = await registry.fetch(handle, FetchOrientation.FETCH_NEXT, 100)
 * await registry.close(handle)
 * await registry.closeAll() // at shutdown
 * ```
 */
export class OperationRegistry<T = unknown> {
  private readonly entries = new Map<string, Entry<T>>()
  private readonly idleTimeoutMs: number
  private readonly now: () => number
  private readonly onCloseError: (error: unknown, handle: string) => void
  private readonly timer: NodeJS.Timeout | undefined
  private closed = false

  constructor(options: OperationRegistryOptions = {}) {
    this.idleTimeoutMs = durationOption('idleTimeoutMs', options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS)
    this.now = options.now ?? Date.now
    this.onCloseError = options.onCloseError ?? warnCloseError
    const sweep = durationOption(
      'sweepIntervalMs',
      options.sweepIntervalMs ??
        Math.min(Math.max(this.idleTimeoutMs, MIN_SWEEP_INTERVAL_MS), MAX_SWEEP_INTERVAL_MS),
    )
    if (Number.isFinite(sweep) && Number.isFinite(this.idleTimeoutMs)) {
      // unref: an idle sweep must never keep the host's process alive.
      // Node fires a longer delay than a timer can hold at once, every millisecond: clamp it.
      this.timer = setInterval(
        () => void this.closeIdle(),
        Math.min(Math.max(sweep, 1), MAX_TIMER_DELAY_MS),
      ).unref()
    }
  }

  /** How many cursors are open. */
  get size(): number {
    return this.entries.size
  }

  /** Registers `cursor` and returns its new handle. */
  open(cursor: OperationCursor<T>): string {
    if (this.closed) throw new BatchgateError(ErrorCode.CLOSED, 'this operation registry is closed')
    const handle = randomUUID()
    this.entries.set(handle, { cursor, lastUsed: this.now(), fetching: 0 })
    return handle
  }

  /** Fetches from the cursor under `handle`; see {@link OperationCursor.fetch}. */
  async fetch(
    handle: string,
    orientation: FetchOrientation,
    maxRows: number,
    offset?: number,
  ): Promise<RowSet<T>> {
    // Handles come from the host's wire: a non-string is a bad fetch, not a missing operation.
    if (typeof handle !== 'string') {
      throw new BatchgateError(
        ErrorCode.INVALID_FETCH_REQUEST,
        `an operation handle must be a string, got ${describeValue(handle)}`,
      )
    }
    const entry = this.entry(handle)
    entry.fetching++
    try {
      return await entry.cursor.fetch(orientation, maxRows, offset)
    } finally {
      entry.fetching--
      entry.lastUsed = this.now()
    }
  }

  /** Closes the cursor under `handle` and forgets the handle. */
  async close(handle: string): Promise<void> {
    const entry = this.entry(handle)
    this.entries.delete(handle)
    await entry.cursor.close()
  }

  /**
   * Closes the cursors idle for longer than `idleTimeoutMs` (the timer calls this; hosts and tests may too)
   * and returns their handles. Failures to close go to `onCloseError`.
   */
  async closeIdle(): Promise<string[]> {
    const deadline = this.now() - this.idleTimeoutMs
    const idle = [...this.entries].filter(([, entry]) => entry.fetching === 0 && entry.lastUsed < deadline)
    for (const [handle] of idle) this.entries.delete(handle)
    await this.closeEntries(idle)
    return idle.map(([handle]) => handle)
  }

  /**
   * Closes every cursor and the idle timer; the registry opens no more cursors afterwards. Failures to
   * close go to `onCloseError`.
   */
  async closeAll(): Promise<void> {
    this.closed = true
    clearInterval(this.timer)
    const entries = [...this.entries]
    this.entries.clear()
    await this.closeEntries(entries)
  }

  /** Closes forgotten cursors; a failure goes to `onCloseError` so one bad source cannot stop the rest. */
  private async closeEntries(entries: readonly (readonly [string, Entry<T>])[]): Promise<void> {
    await Promise.all(
      entries.map(([handle, entry]) =>
        entry.cursor.close().catch((error: unknown) => {
          reportSafely((failure) => {
            this.onCloseError(failure, handle)
          }, error)
        }),
      ),
    )
  }

  private entry(handle: string): Entry<T> {
    const entry = this.entries.get(handle)
    if (entry !== undefined) return entry
    throw new BatchgateError(
      ErrorCode.OPERATION_NOT_FOUND,
      `no open operation has handle ${describeValue(handle)}: it was never opened, was closed, or was closed for being idle`,
    )
  }
}

/** The longest delay a Node.js timer holds (2^31 - 1 ms, about 24.8 days). */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1

function durationOption(name: string, value: number): number {
  return value === Infinity ? value : checkInteger(name, value, 0)
}

function warnCloseError(error: unknown, handle: string): void {
  process.emitWarning(`batchgate: closing idle operation ${handle} failed: ${thrownMessage(error)}`)
}
