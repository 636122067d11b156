import type {
  BatchLogPage,
  BatchLogRange,
  BatchService,
  OperationService,
  RequestContext,
  SessionService,
} from '@batchgate/core'

/**
 * What the REST front needs of an engine: `createEngine`'s `Engine` is one. Declared by shape so a host
 * can also wrap an engine (to meter or audit calls) and hand the wrapper over.
 *
 * @example
 * ```ts
 * const engine: KyuubiRestEngine = await createEngine({ store, statementExecutor })
 * ```
 */
export interface KyuubiRestEngine {
  /** Answered as `kyuubiInstance` for new sessions. */
  readonly instanceId: string
  readonly batches: Pick<BatchService, 'submit' | 'get' | 'list' | 'cancel'> & {
    /** A batch's log lines (`GET /batches/{id}/localLog`). */
    log?(id: string, range: BatchLogRange, context: RequestContext): Promise<BatchLogPage>
  }
  /** Sessions (`/sessions`); without them those routes answer 501. */
  readonly sessions?: SessionService | undefined
  /** Statement operations (`/operations`); without them those routes answer 501. */
  readonly operations?: OperationService | undefined
}
