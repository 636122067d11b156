/**
 * The user name and password a client sent: SASL PLAIN's `authcid` and `passwd` on the binary
 * transport, or the HTTP `Authorization: Basic` header.
 *
 * @example
 * ```ts
 * const credentials: ThriftCredentials = { user: 'alice', password: 'secret' }
 * ```
 */
export interface ThriftCredentials {
  readonly user: string
  /** Handed to the host's check only: never logged, never in an error message. */
  readonly password: string
}

/** What an authentication knows of the connection or request it decides on. */
export interface ThriftAuthenticationPeer {
  readonly transport: 'binary' | 'http'
  readonly remoteAddress: string | undefined
}

/**
 * The host's authentication of a Thrift client: returns the user the connection (binary) or request
 * (HTTP) acts as, or `undefined` to let it in without a user (then OpenSession's `username` counts);
 * throws (or rejects with) {@link ThriftAuthenticationError} to refuse it. `credentials` is `undefined`
 * when the client sent none (a NOSASL connection, an HTTP request without `Authorization`).
 *
 * @example
 * ```ts
 * const authenticate: ThriftAuthenticate = async (credentials) => {
 *   if (credentials === undefined || !(await ldap.bind(credentials.user, credentials.password))) {
 *     throw new ThriftAuthenticationError('wrong user name or password')
 *   }
 *   return credentials.user
 * }
 * ```
 */
export type ThriftAuthenticate = (
  credentials: ThriftCredentials | undefined,
  peer: ThriftAuthenticationPeer,
) => string | undefined | Promise<string | undefined>

/** The stable code of a {@link ThriftAuthenticationError}. */
export const THRIFT_AUTHENTICATION_FAILED = 'THRIFT_AUTHENTICATION_FAILED'

/**
 * A refusal whose message is meant for the client (it must hold no secret): a {@link ThriftAuthenticate}
 * that throws it has its message in the SASL BAD answer or the HTTP 401 body; any other error is
 * answered "authentication failed" without its message.
 *
 * @example
 * ```ts
 * throw new ThriftAuthenticationError('wrong user name or password')
 * ```
 */
export class ThriftAuthenticationError extends Error {
  override readonly name = 'ThriftAuthenticationError'
  readonly code = THRIFT_AUTHENTICATION_FAILED

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
  }
}
