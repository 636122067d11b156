import type {
  BatchService,
  InstanceInfo,
  OperationService,
  RequestContext,
  SessionService,
} from '@batchgate/core'

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
  /** `GET /admin/instances`: the instances sharing the metastore (admins only). */
  instances(context: RequestContext): Promise<InstanceInfo[]>
  /** `reassign` serves `POST /batches/reassign` (admins only). */
  readonly batches: Pick<BatchService, 'submit' | 'get' | 'list' | 'cancel' | 'log' | 'reassign'>
  readonly sessions: SessionService
  readonly operations: OperationService
}
