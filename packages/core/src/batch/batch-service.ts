import { inject, injectable } from 'inversify'
import type { BatchLogPage, BatchLogRange } from '../application/batch-log.js'
import { BATCH_LOG_STORE, type BatchLogStore } from '../application/batch-log-store.js'
import { validateLogRange } from '../application/validate-log-range.js'
import { CallTracker } from '../async/call-tracker.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { isDuplicateKeyError } from '../errors/duplicate-key-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { BatchRecord } from '../metastore/batch-record.js'
import { INSTRUMENTED_METADATA_STORE } from '../metastore/instrument-store.js'
import type { MetadataStore } from '../metastore/metadata-store.js'
import { metastoreUnavailable } from '../metastore/store-connection.js'
import { CLOCK, epochMillis, type Clock } from '../ports/clock.js'
import { ID_SOURCE, type IdSource } from '../ports/id-source.js'
import type { Batch, BatchRequest, RequestContext } from './batch.js'
import { canonicalBatchId, generatedBatchId } from './batch-id.js'
import { batchFromRecord } from './batch-mapping.js'
import { answerDuplicate } from './duplicate-answer.js'
import { assertMayAccess } from './access-policy.js'
import { listQuery, type BatchListFilter, type BatchPage } from './batch-list.js'
import { BatchState, isTerminalState } from './batch-state.js'
import { readListPage } from './list-page.js'
import { encodePageToken } from './page-token.js'
import { LookupPolicy } from './lookup-policy.js'
import { requestFingerprint } from './request-fingerprint.js'
import { changeState } from './state-changes.js'
import { BATCH_LAUNCHERS, type BatchLauncher, type LauncherRegistry } from './batch-launcher.js'
import { BATCH_SERVICE_SETTINGS, type BatchServiceSettings } from './batch-service-settings.js'
import { LaunchSupervisor } from './launch-supervisor.js'
import { identifier, validateBatchRequest, validateUser } from './validate-request.js'
import { validateWithLauncher } from './validate-with-launcher.js'
import { noteSubmission, traceSubmission } from './submit-tracing.js'
import { submitChannel, type SubmitMessage } from '../diagnostics/submit-channel.js'
import type { ValidatedSubmission } from './validated-submission.js'
import type { ReassignResult } from '../lease/instance-info.js'
import { QueueClaimer } from '../lease/queue-claimer.js'
import { BatchReassigner } from '../lease/batch-reassigner.js'
import type { LaunchReservation } from './attended-launch.js'

/**
 * An insert can lose to a row that is purged before we read it; trying again then creates the batch.
 * A row that keeps vanishing means something is wrong with the store, so the retries are few.
 */
const MAX_INSERT_ATTEMPTS = 3

const CREATED_INFO: Readonly<Record<string, string>> = Object.freeze({})

/**
 * Accepts batch submissions exactly once per id, across every engine instance sharing the metastore.
 *
 * @example
 * ```ts
 * const batch = await engine.batches.submit(
 *   { batchType: 'SPARK', resource: 'hdfs:///jobs/app.jar', conf: { [KYUUBI_BATCH_ID_KEY]: id } },
 *   { user: 'alice' },
 * )
 * if (isDuplicatedSubmission(batch)) console.log('already submitted at', batch.createTime)
 * ```
 */
@injectable()
export class BatchService {
  /** Calls under way, which `close()` lets finish (so a created batch is also launched). */
  readonly #calls = new CallTracker()
  readonly #lookup: LookupPolicy

  constructor(
    @inject(INSTRUMENTED_METADATA_STORE) private readonly store: MetadataStore,
    @inject(CLOCK) private readonly clock: Clock,
    @inject(ID_SOURCE) private readonly ids: IdSource,
    @inject(BATCH_LAUNCHERS) private readonly launchers: LauncherRegistry,
    @inject(LaunchSupervisor) private readonly supervisor: LaunchSupervisor,
    @inject(BATCH_SERVICE_SETTINGS) private readonly config: BatchServiceSettings,
    @inject(BATCH_LOG_STORE) private readonly logs: BatchLogStore,
    @inject(QueueClaimer) private readonly claimer: QueueClaimer,
    @inject(BatchReassigner) private readonly reassigner: BatchReassigner,
  ) {
    this.#lookup = new LookupPolicy(config.lookupBeforeInsert)
  }

  /**
   * Creates the batch and launches it once, or — when `conf['kyuubi.batch.id']` names an existing
   * batch of the same user and request — returns that stored batch marked
   * `batchInfo['kyuubi.batch.duplicated'] = 'true'`, launching and changing nothing.
   *
   * The launcher's optional `validate` runs first, before the duplicate lookup: a request it refuses is
   * `INVALID_REQUEST` even when its id is stored.
   *
   * @throws BatchgateError `INVALID_BATCH_ID`, `INVALID_REQUEST`, `BATCH_ID_CONFLICT`,
   *   `METASTORE_UNAVAILABLE`, `CLOSED`
   */
  submit(request: BatchRequest, context: RequestContext): Promise<Batch> {
    // Untraced, the path of every submission stays as it is (the benchmarks' hot path).
    if (!submitChannel.hasSubscribers) return this.#track(() => this.#submit(request, context))
    return traceSubmission(this.config.instanceId, (message) =>
      this.#track(() => this.#submit(request, context, message)),
    )
  }

  /**
   * Synchronous up to the insert: a throw here becomes the call's rejection (see CallTracker.run).
   * `message` is the `batchgate:submit` message, when the submission is traced.
   */
  #submit(request: BatchRequest, context: RequestContext, message?: SubmitMessage): Promise<Batch> {
    const submission = validateBatchRequest(request, context, this.config.limits, this.ids)
    if (message !== undefined) noteSubmission(message, submission)
    const launcher = this.launchers.get(submission.batchType)
    if (this.launchers.configured && launcher === undefined) {
      throw new BatchgateError(
        ErrorCode.INVALID_REQUEST,
        `batchType ${submission.batchType} has no launcher on this engine`,
      )
    }
    // Nothing to wait for before the insert (no launcher check, no lookup): no async layer of its own.
    if (launcher?.validate === undefined && !(submission.idGiven && this.#lookup.readFirst())) {
      return this.#insertOrAnswerDuplicate(submission)
    }
    return this.#checkThenInsert(launcher, submission)
  }

  /** The launcher's check and the lookup, when either applies, then the insert. */
  async #checkThenInsert(
    launcher: BatchLauncher | undefined,
    submission: ValidatedSubmission,
  ): Promise<Batch> {
    // Before the lookup and the insert: a refused request stores nothing, and the answer does not
    // depend on which lookup path this engine takes (see BatchLauncher.validate).
    if (launcher?.validate !== undefined) await validateWithLauncher(launcher, submission)
    if (submission.idGiven && this.#lookup.readFirst()) {
      const existing = await this.store.getBatch(submission.id)
      if (existing !== undefined) return this.#answerDuplicate(existing, submission)
    }
    return this.#insertOrAnswerDuplicate(submission)
  }

  /**
   * The stored batch, or `undefined` when there is none. Only its owner and admins may read it.
   *
   * @throws BatchgateError `INVALID_BATCH_ID`, `PERMISSION_DENIED`, `METASTORE_UNAVAILABLE`, `CLOSED`
   */
  get(id: string, context: RequestContext): Promise<Batch | undefined> {
    return this.#track(async () => {
      const user = validateUser(context, this.config.limits)
      const record = await this.store.getBatch(canonicalBatchId(id))
      if (record === undefined) return undefined
      assertMayAccess(this.config, user, record.owner, `read batch ${record.id}`)
      return batchFromRecord(record)
    })
  }

  /**
   * One page of batches, newest first: the caller's own, or anyone's for an admin. Pass the page's
   * `next` back to get the following page; pages are stable while new batches are submitted. A stored
   * row that cannot be decoded is left out (pages stay full and go on past it) and reported to the
   * engine's `onBackgroundError` as `CORRUPT_BATCH_RECORD`; `get` and `cancel` of its id fail with
   * `METASTORE_UNAVAILABLE`.
   *
   * @example
   * ```ts
   * let page = await engine.batches.list({ state: 'RUNNING' }, { user: 'alice' })
   * while (page.next !== undefined) page = await engine.batches.list({ state: 'RUNNING', next: page.next }, { user: 'alice' })
   * ```
   * `filter` may be `undefined` (no filter); `null` or any other non-object is `INVALID_REQUEST`.
   *
   * @throws BatchgateError `INVALID_REQUEST`, `PERMISSION_DENIED`, `METASTORE_UNAVAILABLE`, `CLOSED`
   */
  list(filter: BatchListFilter | undefined, context: RequestContext): Promise<BatchPage> {
    return this.#track(async () => {
      const { query, pageSize } = listQuery(filter, validateUser(context, this.config.limits), this.config)
      // Rows the store cannot decode are skipped and reported, never fail the page (see readListPage).
      const { records, next } = await readListPage(this.store, query, pageSize, this.config)
      return {
        batches: records.map((record) => batchFromRecord(record)),
        next: next === undefined ? undefined : encodePageToken(next),
      }
    })
  }

  /**
   * Lines of a batch's log (what its launcher wrote: see `LaunchContext.log`): `size` lines (default
   * 100, at most 10 000) from position `from` (default 0). Positions count every line the batch wrote,
   * dropped ones included; when older lines were dropped, a read from before the kept ones starts at
   * the marker line saying how many. `total` is the position after the last line, so the next page of
   * a client following the log starts at `page.from + page.lines.length`. Only its owner and admins may
   * read it. The log is kept on the instance that created (and so ran) the batch: elsewhere the read is
   * `BATCH_LOG_NOT_LOCAL`, its message naming that instance (unless `batchLogs.shared`: a directory every
   * instance mounts). A batch that wrote nothing, or an engine with `batchLogs: false`, gives an empty
   * page.
   *
   * @example
   * ```ts
   * const page = await engine.batches.log(id, { from: 0, size: 100 }, { user: 'alice' })
   * for (const line of page.lines) console.log(line)
   * ```
   * @throws BatchgateError `INVALID_BATCH_ID`, `INVALID_REQUEST`, `BATCH_NOT_FOUND`, `PERMISSION_DENIED`,
   *   `BATCH_LOG_NOT_LOCAL`, `METASTORE_UNAVAILABLE`, `CLOSED`
   */
  log(id: string, range: BatchLogRange | undefined, context: RequestContext): Promise<BatchLogPage> {
    return this.#track(async () => {
      const user = validateUser(context, this.config.limits)
      const canonical = canonicalBatchId(id)
      const { from, size } = validateLogRange(range)
      const record = await this.#stored(canonical)
      assertMayAccess(this.config, user, record.owner, `read the log of batch ${record.id}`)
      // Kept where the batch runs (or ran): its owner, which differs from its creator once another
      // instance claimed it from the queue or adopted it.
      const keeper = record.ownerInstance ?? record.createdBy
      if (keeper !== this.config.instanceId && !this.logs.shared) {
        throw new BatchgateError(
          ErrorCode.BATCH_LOG_NOT_LOCAL,
          `the log of batch ${record.id} is kept on instance ${keeper}, not on this instance ${this.config.instanceId}`,
        )
      }
      return this.logs.read(record.id, from, size)
    })
  }

  /**
   * Cancels a batch: it ends CANCELED with its end time, and the launcher's `signal` is aborted on
   * whichever instance runs it (at once here, within `cancelPollIntervalMs` elsewhere). A batch that
   * already ended is returned unchanged.
   *
   * @throws BatchgateError `INVALID_BATCH_ID`, `BATCH_NOT_FOUND`, `PERMISSION_DENIED`, `METASTORE_UNAVAILABLE`, `CLOSED`
   */
  cancel(id: string, context: RequestContext): Promise<Batch> {
    return this.#track(() => this.#cancel(id, validateUser(context, this.config.limits)))
  }

  async #cancel(id: string, user: string): Promise<Batch> {
    const canonical = canonicalBatchId(id)
    const record = await this.#stored(canonical)
    assertMayAccess(this.config, user, record.owner, `cancel batch ${record.id}`)
    if (isTerminalState(record.state)) return batchFromRecord(record)
    const canceled = await changeState(this.store, canonical, {
      from: [BatchState.PENDING, BatchState.RUNNING],
      to: BatchState.CANCELED,
      endTime: epochMillis(this.clock),
      diagnostic: `canceled by ${user}`,
    })
    if (canceled) this.supervisor.abort(canonical, `batch canceled by ${user}`)
    // Read back either way: when the compare-and-set lost, the batch ended meanwhile and is returned as it is.
    return batchFromRecord(await this.#stored(canonical))
  }

  /**
   * Moves the unfinished batches of a lost instance to this one now (admins only; Kyuubi's
   * `POST /api/v1/batches/reassign`): its RUNNING batches are recovered here, its PENDING ones go back
   * to the launch queue. An instance whose lease is live (or this one) is refused with `INSTANCE_ALIVE`.
   *
   * @example
   * ```ts
   * const { batchIds } = await engine.batches.reassign('gw-2', { user: 'admin' })
   * ```
   * @throws BatchgateError `INVALID_REQUEST`, `PERMISSION_DENIED`, `INSTANCE_ALIVE`, `METASTORE_UNAVAILABLE`, `CLOSED`
   */
  reassign(instanceId: string, context: RequestContext): Promise<ReassignResult> {
    return this.#track(() => {
      const user = validateUser(context, this.config.limits)
      if (!this.config.admins.has(user)) {
        throw new BatchgateError(
          ErrorCode.PERMISSION_DENIED,
          `user ${user} may not reassign batches: admins only`,
        )
      }
      return this.reassigner.reassign(identifier(instanceId, 'instanceId'))
    })
  }

  async #stored(id: string): Promise<BatchRecord> {
    const record = await this.store.getBatch(id)
    if (record === undefined) throw new BatchgateError(ErrorCode.BATCH_NOT_FOUND, `there is no batch ${id}`)
    return record
  }

  /** Refuses new calls and waits for those under way; used by the engine's `close()`. */
  async close(): Promise<void> {
    this.#calls.stop()
    await this.#calls.drained()
  }

  /** Runs a public call unless the service is closed, and keeps it in view until it settles. */
  #track<T>(call: () => Promise<T>): Promise<T> {
    return this.#calls.run(call)
  }

  async #insertOrAnswerDuplicate(first: ValidatedSubmission): Promise<Batch> {
    // Owned by this instance when it has a free launch slot, else inserted into the launch queue.
    const reservation = this.supervisor.reserve(first.batchType)
    try {
      return await this.#insertWith(first, reservation)
    } finally {
      // A duplicate answer or a failed insert launches nothing here: the slot is free again. (After
      // a created batch the launch holds the slot, and this release is a no-op.)
      reservation.release()
    }
  }

  async #insertWith(first: ValidatedSubmission, reservation: LaunchReservation): Promise<Batch> {
    let submission = first
    for (let attempt = 1; ; attempt++) {
      const record = this.#newRecord(submission, reservation)
      try {
        await this.store.insertBatch(record)
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw metastoreUnavailable('insert the batch', error)
        if (!submission.idGiven) {
          if (attempt >= MAX_INSERT_ATTEMPTS) {
            throw new BatchgateError(
              ErrorCode.INVALID_OPTIONS,
              `the engine's idSource gave ${attempt} ids in a row that already exist (last: ${submission.id})`,
              { cause: error },
            )
          }
          // A generated id that collides says nothing about the client's intent: take another one.
          submission = { ...submission, id: generatedBatchId(this.ids) }
          continue
        }
        // Lost the race (or a retry): the winner's row is committed, so this read sees it.
        const stored = await this.store.getBatch(submission.id)
        if (stored !== undefined) return this.#answerDuplicate(stored, submission)
        if (attempt >= MAX_INSERT_ATTEMPTS) {
          throw new BatchgateError(
            ErrorCode.METASTORE_UNAVAILABLE,
            `batch ${submission.id} was reported as existing but could not be read back ${attempt} times`,
            { cause: error },
          )
        }
        continue
      }
      // Only the winner of the insert gets here, and only after the row is committed.
      if (submission.idGiven) this.#lookup.recordOutcome(false)
      this.supervisor.start(record, reservation)
      if (record.ownerInstance === null) this.claimer.kick()
      return batchFromRecord(record, CREATED_INFO)
    }
  }

  /** The answer to a client id found stored, which also tells the lookup policy that ids get reused. */
  #answerDuplicate(stored: BatchRecord, submission: ValidatedSubmission): Batch {
    this.#lookup.recordOutcome(true)
    return answerDuplicate(stored, submission, this.config.compareDuplicateRequests)
  }

  #newRecord(submission: ValidatedSubmission, reservation: LaunchReservation): BatchRecord {
    // Field by field: object rest (`{ idGiven, ...fields }`) took V8's slow path, 7 µs per submission.
    const { id, owner, batchType, resource, className, name, conf, args, priority } = submission
    const fields = { batchType, resource, className, name, conf, args }
    return {
      id,
      owner,
      ...fields,
      fingerprint: requestFingerprint(fields),
      state: BatchState.PENDING,
      createTime: epochMillis(this.clock),
      startTime: null,
      endTime: null,
      diagnostic: null,
      createdBy: this.config.instanceId,
      appId: null,
      appUrl: null,
      appState: null,
      appDiagnostic: null,
      appStartTime: null,
      ownerInstance: reservation.ownerInstance,
      ownerToken: reservation.ownerToken,
      priority,
    }
  }
}
