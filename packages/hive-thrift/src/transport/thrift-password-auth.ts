import {
  ThriftAuthenticationError,
  type ThriftAuthenticate,
  type ThriftCredentials,
} from './thrift-authenticate.js'

/**
 * Options of {@link thriftPasswordAuth}.
 *
 * @example
 * ```ts
 * const options: ThriftPasswordAuthOptions = { verify: (user, password) => ldap.bind(user, password) }
 * ```
 */
export interface ThriftPasswordAuthOptions {
  /** Whether the password is right for the user. Only `true` lets the client in. */
  readonly verify: (user: string, password: string) => boolean | Promise<boolean>
}

/**
 * Password authentication (SASL PLAIN on the binary transport, Basic on HTTP) with the host's check: a
 * client without credentials (NOSASL, HTTP without `Authorization`) or whose password `verify` refuses
 * (or throws on) is refused. The password goes to `verify` only: never logged, never in an answer.
 *
 * @example
 * ```ts
 * const server = thriftBinaryServer(processor, {
 *   authenticate: thriftPasswordAuth({ verify: (user, password) => users.get(user) === password }),
 * })
 * ```
 */
export function thriftPasswordAuth(options: ThriftPasswordAuthOptions): ThriftAuthenticate {
  const { verify } = options
  if (typeof verify !== 'function') {
    throw new TypeError('thriftPasswordAuth needs a verify(user, password) function')
  }
  return async (credentials: ThriftCredentials | undefined) => {
    if (credentials === undefined) {
      throw new ThriftAuthenticationError(
        'this server needs a user name and password (SASL PLAIN, or HTTP Basic)',
      )
    }
    let verdict: unknown
    try {
      verdict = await verify(credentials.user, credentials.password)
    } catch (error) {
      // The host's check failed: the client learns only that it is refused; the cause is kept for the log.
      throw new ThriftAuthenticationError('wrong user name or password', { cause: error })
    }
    // Only `true` lets a client in: a truthy value by mistake does not.
    if (verdict !== true) throw new ThriftAuthenticationError('wrong user name or password')
    return credentials.user
  }
}
