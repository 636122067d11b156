import type { OperationService, SessionService } from '@batchgate/core'
import type { KyuubiRestEngine } from '../handler/kyuubi-rest-engine.js'
import { RestError, RestErrorCode } from '../http/rest-error.js'

/**
 * The engine's sessions, or 501 when the engine has none (a host-made engine without them).
 *
 * @example
 * ```ts
 * const session = await sessionsOf(engine).open(configs, context)
 * ```
 */
export function sessionsOf(engine: KyuubiRestEngine): SessionService {
  if (engine.sessions === undefined) throw notImplemented('sessions')
  return engine.sessions
}

/** The engine's operations, or 501 when the engine has none. */
export function operationsOf(engine: KyuubiRestEngine): OperationService {
  if (engine.operations === undefined) throw notImplemented('operations')
  return engine.operations
}

function notImplemented(part: string): RestError {
  return new RestError(501, RestErrorCode.NOT_IMPLEMENTED, `this engine offers no ${part}`)
}
