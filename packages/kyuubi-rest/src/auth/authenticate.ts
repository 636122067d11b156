/// <reference types="node" preserve="true" />
import type { IncomingMessage } from 'node:http'

/**
 * The host's authentication: resolves with the user a request acts as, or rejects to refuse it (answered
 * 401 with `WWW-Authenticate: Basic realm="batchgate"`). The engine then authorises that user.
 *
 * @example
 * ```ts
 * const authenticate: Authenticate = async (req) => (await mySso.check(req.headers.cookie)).user
 * ```
 */
export type Authenticate = (req: IncomingMessage) => string | Promise<string>

/**
 * A refusal whose message is meant for the client (it must hold no secret): an {@link Authenticate}
 * that rejects with it has its message in the 401 answer; any other rejection is answered
 * "authentication failed".
 *
 * @example
 * ```ts
 * throw new AuthenticationError('the token expired')
 * ```
 */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError'
}
