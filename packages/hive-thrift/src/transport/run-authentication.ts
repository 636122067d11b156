import {
  ThriftAuthenticationError,
  type ThriftAuthenticate,
  type ThriftAuthenticationPeer,
  type ThriftCredentials,
} from './thrift-authenticate.js'

/** What the host's authentication decided: the user (or none), or a refusal message for the client. */
export type AuthenticationOutcome =
  | { readonly accepted: true; readonly user: string | undefined }
  | {
      readonly accepted: false
      /** For the client: the host's {@link ThriftAuthenticationError} message, or "authentication failed". */
      readonly message: string
      /** True when the check itself failed (threw something else) rather than refused. */
      readonly failed: boolean
      readonly cause: unknown
    }

/**
 * Runs the host's {@link ThriftAuthenticate} and turns its verdict into an outcome. A
 * {@link ThriftAuthenticationError}'s message is meant for the client and is passed on; any other error
 * (a bug, a directory down) becomes "authentication failed" so that nothing it holds reaches the client.
 *
 * @example
 * ```ts
 * const outcome = await runAuthentication(options.authenticate, { user, password }, peer)
 * if (!outcome.accepted) return refuse(outcome.message)
 * ```
 */
export async function runAuthentication(
  authenticate: ThriftAuthenticate,
  credentials: ThriftCredentials | undefined,
  peer: ThriftAuthenticationPeer,
): Promise<AuthenticationOutcome> {
  try {
    const user = await authenticate(credentials, {
      transport: peer.transport,
      remoteAddress: peer.remoteAddress,
    })
    if (user !== undefined && typeof user !== 'string') {
      return failed(new TypeError('authenticate returned a user that is not a string'))
    }
    return { accepted: true, user }
  } catch (error) {
    if (error instanceof ThriftAuthenticationError) {
      return { accepted: false, message: error.message, failed: false, cause: error }
    }
    return failed(error)
  }
}

function failed(cause: unknown): AuthenticationOutcome {
  return { accepted: false, message: 'authentication failed', failed: true, cause }
}
