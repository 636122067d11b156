import { validateUserName } from '../batch/validate-request.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { SessionSettings } from './session-settings.js'

/** The conf keys that ask for a session run as another user: Kyuubi's and HiveServer2's. */
export const PROXY_USER_KEYS: readonly string[] = ['kyuubi.session.proxy.user', 'hive.server2.proxy.user']

/**
 * The user a session with this (validated) conf runs as: the proxy user it names, or the caller. Naming
 * a user other than the caller takes an admin (`PERMISSION_DENIED` otherwise); the two keys naming
 * different users is `INVALID_REQUEST`.
 *
 * @example
 * ```ts
 * sessionUser({ 'hive.server2.proxy.user': 'bob' }, 'admin', settings) // 'bob'
 * ```
 */
export function sessionUser(
  conf: Readonly<Record<string, string>>,
  realUser: string,
  settings: Pick<SessionSettings, 'admins' | 'limits'>,
): string {
  let proxy: string | undefined
  for (const key of PROXY_USER_KEYS) {
    if (!Object.hasOwn(conf, key)) continue
    const named = validateUserName(conf[key], `conf['${key}']`, settings.limits)
    if (proxy !== undefined && proxy !== named) {
      throw new BatchgateError(
        ErrorCode.INVALID_REQUEST,
        `conf names two different proxy users (${PROXY_USER_KEYS.join(' and ')}); give one`,
      )
    }
    proxy = named
  }
  if (proxy === undefined || proxy === realUser) return realUser
  if (!settings.admins.has(realUser)) {
    throw new BatchgateError(
      ErrorCode.PERMISSION_DENIED,
      `user ${realUser} may not open a session as ${proxy}: only admins may name a proxy user`,
    )
  }
  return proxy
}
