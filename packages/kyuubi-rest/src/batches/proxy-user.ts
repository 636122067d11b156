import { ErrorCode, type RequestContext } from '@batchgate/core'
import type { KyuubiRestEngine } from '../handler/kyuubi-rest-engine.js'
import { RestError } from '../http/rest-error.js'

/** The conf keys naming the user to act as, in Kyuubi's order of precedence. */
export const PROXY_USER_KEYS = ['kyuubi.session.proxy.user', 'hive.server2.proxy.user'] as const

/**
 * The proxy user a batch's conf asks for, `undefined` when none (a value that is not a string is left
 * to the engine's conf check).
 *
 * @example
 * ```ts
 * proxyUserOf({ 'hive.server2.proxy.user': 'etl' }) // 'etl'
 * ```
 */
export function proxyUserOf(conf: unknown): string | undefined {
  if (typeof conf !== 'object' || conf === null || Array.isArray(conf)) return undefined
  for (const key of PROXY_USER_KEYS) {
    if (!Object.hasOwn(conf, key)) continue
    const value: unknown = (conf as Record<string, unknown>)[key]
    if (typeof value === 'string') return value
  }
  return undefined
}

/**
 * The context a batch is submitted with: the caller's own, or the proxy user's when an admin asks for
 * one (Kyuubi's proxy privilege, decided by `engine.isAdmin`); anyone else is 403 `PERMISSION_DENIED`
 * in Kyuubi's words.
 *
 * @example
 * ```ts
 * const context = submissionContext(engine, { user: 'ops' }, 'etl') // { user: 'etl' } for an admin
 * ```
 */
export function submissionContext(
  engine: Pick<KyuubiRestEngine, 'isAdmin'>,
  context: RequestContext,
  proxyUser: string | undefined,
): RequestContext {
  if (proxyUser === undefined || proxyUser === context.user) return context
  if (!engine.isAdmin(context.user)) {
    throw new RestError(
      403,
      ErrorCode.PERMISSION_DENIED,
      `Failed to validate proxy privilege of ${context.user} for ${proxyUser}: only admins may act as another user`,
      {},
    )
  }
  return { user: proxyUser }
}
