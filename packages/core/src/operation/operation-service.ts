import type { RequestContext } from '../batch/batch.js'
import type { FetchOrientation } from '../cursor/fetch-orientation.js'
import type { RowSet } from '../cursor/row-set.js'
import type { ResultColumn, ResultRow } from '../statement/result-column.js'
import type { OperationStatus } from './operation-status.js'

/**
 * The statement operations of this instance, by handle (`engine.operations`). An operation belongs to
 * its session's user: anyone else (admins included) gets `OPERATION_NOT_FOUND`, exactly as for a handle
 * that never existed. Operations live in this instance's memory, as in HiveServer2 and Kyuubi.
 *
 * @example
 * ```ts
 * const handle = await engine.sessions.executeStatement(session, { statement: 'SELECT 1' }, ctx)
 * const block = await engine.operations.fetch(handle, FetchOrientation.FETCH_NEXT, 100, undefined, ctx)
 * await engine.operations.close(handle, ctx)
 * ```
 */
export interface OperationService {
  /** @throws BatchgateError `OPERATION_NOT_FOUND` */
  status(handle: string, context: RequestContext): OperationStatus
  /**
   * The result's columns, once FINISHED.
   * @throws BatchgateError `OPERATION_NOT_FOUND`, `INVALID_OPERATION_STATE`
   */
  resultMetadata(handle: string, context: RequestContext): readonly ResultColumn[]
  /**
   * A block of the result with the cursor semantics of {@link OperationCursor.fetch}, once FINISHED.
   * @throws BatchgateError `OPERATION_NOT_FOUND`, `INVALID_OPERATION_STATE`, `INVALID_FETCH_REQUEST`,
   *   `UNSUPPORTED_FETCH_ORIENTATION`, `SCROLLBACK_EXCEEDED`, `SOURCE_FAILED`
   */
  fetch(
    handle: string,
    orientation: FetchOrientation,
    maxRows: number,
    offset: number | undefined,
    context: RequestContext,
  ): Promise<RowSet<ResultRow>>
  /**
   * Aborts the executor's signal and moves a not yet terminal operation to CANCELED; a terminal one is
   * left as it is.
   * @throws BatchgateError `OPERATION_NOT_FOUND`
   */
  cancel(handle: string, context: RequestContext): Promise<OperationStatus>
  /**
   * Cancels it if running, closes its cursor and forgets it: later calls get `OPERATION_NOT_FOUND`.
   * @throws BatchgateError `OPERATION_NOT_FOUND`
   */
  close(handle: string, context: RequestContext): Promise<void>
}
