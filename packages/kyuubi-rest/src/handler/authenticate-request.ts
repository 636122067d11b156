import type { IncomingMessage } from 'node:http'
import { AuthenticationError, type Authenticate } from '../auth/authenticate.js'
import { RestError, RestErrorCode } from '../http/rest-error.js'

/** The challenge every 401 carries, so a browser or a Basic client knows what to send. */
export const BASIC_CHALLENGE = 'Basic realm="batchgate"'

/**
 * Runs the host's `authenticate`. A rejection (or a throw) is 401 with the challenge, and the message of
 * an {@link AuthenticationError} (written for the client) or "authentication failed": nothing else of
 * the rejection reaches the answer, so no credential is ever echoed. A resolved value that is not a
 * non-empty string is the host's bug (500).
 *
 * @example
 * ```ts
 * const user = await authenticateRequest(req, settings.authenticate)
 * ```
 */
export async function authenticateRequest(req: IncomingMessage, authenticate: Authenticate): Promise<string> {
  let user: unknown
  try {
    user = await authenticate(req)
  } catch (error) {
    const message = error instanceof AuthenticationError ? error.message : 'authentication failed'
    throw new RestError(401, RestErrorCode.UNAUTHENTICATED, message, { 'WWW-Authenticate': BASIC_CHALLENGE })
  }
  if (typeof user !== 'string' || user === '') {
    throw new TypeError(
      `authenticate resolved with ${typeof user === 'string' ? 'an empty string' : typeof user}, not a user name`,
    )
  }
  return user
}
