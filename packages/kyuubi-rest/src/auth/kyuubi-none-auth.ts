import type { IncomingMessage } from 'node:http'
import type { Authenticate } from './authenticate.js'
import { basicCredentials } from './basic-credentials.js'

/**
 * The user of a request without credentials in Kyuubi's NONE mode.
 *
 * @example
 * ```ts
 * if (user === ANONYMOUS_USER) refuseWrites()
 * ```
 */
export const ANONYMOUS_USER = 'anonymous'

/**
 * Kyuubi's `NONE` authentication: the user name of a Basic header is trusted as it is (the password is
 * ignored), and a request without an `Authorization` header is `anonymous`. Anyone can act as anyone:
 * only for a gateway behind something that authenticates, or on a trusted network. A host must choose
 * it explicitly; there is no default.
 *
 * @example
 * ```ts
 * const handler = kyuubiRestHandler(engine, { authenticate: kyuubiNoneAuth() })
 * ```
 */
export function kyuubiNoneAuth(): Authenticate {
  return (req: IncomingMessage) => basicCredentials(req)?.user ?? ANONYMOUS_USER
}
