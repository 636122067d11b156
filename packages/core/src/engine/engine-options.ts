import type { BatchLogOptions } from '../application/batch-log-settings.js'
import type { LookupBeforeInsert } from '../batch/lookup-policy.js'
import type { BatchLauncher } from '../batch/batch-launcher.js'
import type { RequestLimits } from '../batch/request-limits.js'
import type { RetentionConfig } from '../batch/retention-settings.js'
import type { MetadataStore } from '../metastore/metadata-store.js'
import type { Clock } from '../ports/clock.js'
import type { IdSource } from '../ports/id-source.js'
import type { Logger } from '../logging/logger.js'
import type { OperationConfig } from '../operation/operation-settings.js'
import type { SessionConfig } from '../session/session-settings.js'
import type { StatementExecutor } from '../statement/statement-executor.js'

/**
 * Options of {@link createEngine}. Only `store` is required.
 *
 * @example
 * ```ts
 * const engine = await createEngine({
 *   store: sqliteStore({ filename: './batchgate.db' }),
 *   instanceId: 'gateway-1:10099',
 *   launchers: { SPARK: sparkLauncher },
 * })
 * ```
 */
export interface EngineOptions extends CoreOptions {
  /** The metastore; the engine opens it and closes it with `engine.close()`. */
  readonly store: MetadataStore
}

/** The settings of core's DI module (everything but the store). */
export interface CoreOptions {
  /**
   * Identifies this instance in the metastore; default `<hostname>:<pid>:<random>`. Give a stable id to
   * have a restarted instance recover its unfinished batches; one live engine per id at a time.
   */
  readonly instanceId?: string | undefined
  /**
   * `batchType` → launcher. When given, a submission of any other `batchType` is `INVALID_REQUEST`;
   * when omitted, batches are stored and stay PENDING for the host to run.
   */
  readonly launchers?: Readonly<Record<string, BatchLauncher>> | undefined
  /** Reject reuse of an id with a different request (default true); false is Kyuubi's lenient mode. */
  readonly compareDuplicateRequests?: boolean | undefined
  /**
   * Read a client-given id before inserting: `'adaptive'` (default) while recent ids were often
   * duplicates, `true` always, `false` never. It changes the cost of a submission, never its answer.
   */
  readonly lookupBeforeInsert?: LookupBeforeInsert | undefined
  /** Size limits of a request; each omitted one keeps its default. */
  readonly limits?: Partial<RequestLimits> | undefined
  /** Time source (default: the wall clock). */
  readonly clock?: Clock | undefined
  /** Ids for batches submitted without one (default: random UUIDs). */
  readonly idSource?: IdSource | undefined
  /**
   * Where the engine logs (pino's shape: see {@link Logger}); every line carries `instanceId`. Default:
   * quiet, `warn` and `error` only, to `console.error`. Conf values and secrets are never logged.
   */
  readonly logger?: Logger | undefined
  /**
   * Told about failures after `submit` returned, e.g. recording a launch outcome (default: the
   * logger's `error`, with the failure as `err`).
   */
  readonly onBackgroundError?: ((error: unknown) => void) | undefined
  /** Users who may read, list and cancel every user's batches (default: none). */
  readonly admins?: readonly string[] | undefined
  /** How often this instance checks the metastore for cancels made on other instances (default 2000 ms). */
  readonly cancelPollIntervalMs?: number | undefined
  /**
   * Purging of terminal batches: `false` turns it off; omitted fields keep their defaults (3 days,
   * every 10 minutes, 500 rows per statement). After the purge an id can be submitted again.
   */
  readonly retention?: false | Partial<RetentionConfig> | undefined
  /**
   * Where the lines launchers write (`context.log`, every output line of `commandLauncher`) are kept,
   * for `engine.batches.log`: `false` keeps none; omitted or without a `directory`, in memory (1 000
   * lines per batch, 100 batches); with a `directory`, one file per batch under it (10 000 lines each),
   * removed by the retention sweep once their batch is purged; `shared: true` for a directory every
   * instance mounts, so any instance serves any log. See {@link BatchLogOptions}.
   */
  readonly batchLogs?: false | BatchLogOptions | undefined
  /** `list` page sizes (default 50, at most 500). */
  readonly pageSize?: { readonly default?: number | undefined; readonly max?: number | undefined } | undefined
  /**
   * Runs the statements of `engine.sessions.executeStatement`. Without one, sessions open but
   * `executeStatement` is `INVALID_OPTIONS`.
   */
  readonly statementExecutor?: StatementExecutor | undefined
  /**
   * Sessions: idle timeout (default 6 hours), open sessions per user (default 50), open operations per
   * session (default 100); omitted fields keep their defaults.
   */
  readonly sessions?: Partial<SessionConfig> | undefined
  /** Operations: idle timeout of a finished operation (default 3 hours). */
  readonly operations?: Partial<OperationConfig> | undefined
  /**
   * This instance's lease in the metastore, renewed every `renewIntervalMs` (default 10 000) for
   * `durationMs` (default 30 000) by the database's clock. While it is live, no other instance touches
   * this instance's batches; once it expires (the host died or stalled), the live instances adopt them.
   * `false` turns leases and adoption off (a lost instance's batches then wait for an engine with its
   * `instanceId`). Needs a store with coordination (every store of this repository); with another
   * store the default is off and an explicit `lease` is `INVALID_OPTIONS`.
   */
  readonly lease?: false | Partial<LeaseConfig> | undefined
  /**
   * How many batches this instance runs at once (default unlimited). Submissions beyond it stay
   * PENDING in the metastore's launch queue and are claimed, highest `kyuubi.batch.priority` first and
   * oldest first within a priority, by any instance with a free slot.
   */
  readonly maxRunningBatches?: number | undefined
  /** The launch queue's timing; omitted fields keep their defaults (see {@link QueueConfig}). */
  readonly queue?: Partial<QueueConfig> | undefined
}

/**
 * The lease settings (see `CoreOptions.lease`). `renewIntervalMs` must be less than half of
 * `durationMs`, so that one failed renewal does not lose the lease.
 */
export interface LeaseConfig {
  readonly durationMs: number
  readonly renewIntervalMs: number
}

/** The launch queue's settings (see `CoreOptions.queue`). */
export interface QueueConfig {
  /** How often an instance with a free slot looks for queued batches (default 1000 ms). */
  readonly pollIntervalMs: number
  /**
   * How long a PENDING batch its creator was about to launch may wait before any instance claims it
   * (default 30 000 ms): the creator's insert committed but it could not go on.
   */
  readonly unlaunchedGraceMs: number
  /** At most this many batches of one lost instance are adopted by one instance per sweep (default 100). */
  readonly adoptionBatchSize: number
}
