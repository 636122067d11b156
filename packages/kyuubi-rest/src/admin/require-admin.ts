import { ErrorCode, type RequestContext } from '@batchgate/core'
import type { KyuubiRestEngine } from '../handler/kyuubi-rest-engine.js'
import { RestError } from '../http/rest-error.js'

/**
 * Refuses a caller who is not one of the engine's admins with 403 `PERMISSION_DENIED`, before anything
 * else of the request is looked at (the engine checks again: this check only makes the answer not depend
 * on what the engine would have read first).
 *
 * @example
 * ```ts
 * requireAdmin(engine, context, 'list the instances')
 * ```
 */
export function requireAdmin(
  engine: Pick<KyuubiRestEngine, 'isAdmin'>,
  context: RequestContext,
  action: string,
): void {
  if (engine.isAdmin(context.user)) return
  throw new RestError(
    403,
    ErrorCode.PERMISSION_DENIED,
    `user ${context.user} may not ${action}: only the engine's admins may`,
  )
}
