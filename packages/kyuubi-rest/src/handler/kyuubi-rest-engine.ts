import type { BatchService, OperationService, SessionService } from '@batchgate/core'

/**
 * What the REST front needs of an engine: `createEngine`'s `Engine` is one. Declared by shape so a host
 * can also hand over a wrapper of its engine (to meter or audit calls).
 *
 * @example
 * ```ts
 * const engine: KyuubiRestEngine = await createEngine({ store, statementExecutor })
 * ```
 */
export interface KyuubiRestEngine {
  readonly instanceId: string
  isAdmin(user: string): boolean
  readonly batches: Pick<BatchService, 'submit' | 'get' | 'list' | 'cancel' | 'log'>
  readonly sessions: SessionService
  readonly operations: OperationService
}
