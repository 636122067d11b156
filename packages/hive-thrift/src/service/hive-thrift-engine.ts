import type { OperationService, SessionService } from '@batchgate/core'
import type { MetadataRequest } from './metadata-request.js'

/**
 * What the TCLIService front needs of an engine: `createEngine`'s `Engine` is one. Declared by shape (as
 * kyuubi-rest's `KyuubiRestEngine`) so a host can hand over a wrapper of its engine to meter or audit calls.
 *
 * @example
 * ```ts
 * const engine: HiveThriftEngine = await createEngine({ store, statementExecutor })
 * const processor = tcliService(engine)
 * ```
 */
export interface HiveThriftEngine {
  readonly instanceId: string
  isAdmin(user: string): boolean
  readonly sessions: SessionService & {
    /**
     * Starts a metadata operation (GetTables, GetColumns, …) in the session: resolves with its handle,
     * FINISHED with a result or in ERROR.
     */
    executeMetadata(
      handle: string,
      request: MetadataRequest,
      context: { readonly user: string },
    ): Promise<string>
  }
  readonly operations: OperationService
}
