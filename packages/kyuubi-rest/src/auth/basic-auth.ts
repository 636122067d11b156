import type { IncomingMessage } from 'node:http'
import { AuthenticationError, type Authenticate } from './authenticate.js'
import { basicCredentials } from './basic-credentials.js'

/**
 * Options of {@link basicAuth}.
 *
 * @example
 * ```ts
 * const options: BasicAuthOptions = { verify: async (user, password) => ldap.bind(user, password) }
 * ```
 */
export interface BasicAuthOptions {
  /** Whether the password is right for the user (an LDAP bind, a hash lookup, …). */
  readonly verify: (user: string, password: string) => boolean | Promise<boolean>
}

/**
 * HTTP Basic authentication with the host's password check: a request without credentials, with
 * another scheme, or whose password `verify` refuses (or throws on) is answered 401. The password
 * is handed to `verify` only: never logged, never in an answer.
 *
 * @example
 * ```ts
 * const handler = kyuubiRestHandler(engine, {
 *   authenticate: basicAuth({ verify: (user, password) => users.get(user) === password }),
 * })
 * ```
 */
export function basicAuth(options: BasicAuthOptions): Authenticate {
  const { verify } = options
  if (typeof verify !== 'function') throw new TypeError('basicAuth needs a verify(user, password) function')
  return async (req: IncomingMessage) => {
    const credentials = basicCredentials(req)
    if (credentials === undefined) throw new AuthenticationError('this server needs Basic credentials')
    // Only `true` lets a request in: a JavaScript host's truthy value by mistake does not.
    const verdict: unknown = await verify(credentials.user, credentials.password)
    if (verdict !== true) {
      throw new AuthenticationError('wrong user name or password')
    }
    return credentials.user
  }
}
