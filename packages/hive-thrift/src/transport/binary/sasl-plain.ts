import type { ThriftCredentials } from '../thrift-authenticate.js'

/** The SASL mechanism this server supports. */
export const SASL_PLAIN = 'PLAIN'

/** A parsed PLAIN response, or why it cannot be one (the reason never quotes the payload). */
export type PlainResponse =
  | { readonly valid: true; readonly credentials: ThriftCredentials }
  | { readonly valid: false; readonly reason: string }

/**
 * Parses a SASL PLAIN initial response (RFC 4616): `authzid NUL authcid NUL passwd`. The authorization
 * identity may be empty (Python's pure-sasl) or the user itself (hive-driver sends the user twice);
 * another one would be acting as someone else, which PLAIN here does not allow.
 *
 * @example
 * ```ts
 * parsePlainResponse(Buffer.from('\0alice\0secret')) // { valid: true, credentials: { user: 'alice', password: 'secret' } }
 * ```
 */
export function parsePlainResponse(payload: Buffer): PlainResponse {
  const first = payload.indexOf(0)
  const second = first < 0 ? -1 : payload.indexOf(0, first + 1)
  if (first < 0 || second < 0 || payload.indexOf(0, second + 1) >= 0) {
    return { valid: false, reason: 'the PLAIN response must be authzid NUL user NUL password' }
  }
  const authzid = payload.toString('utf8', 0, first)
  const user = payload.toString('utf8', first + 1, second)
  const password = payload.toString('utf8', second + 1)
  if (user === '') return { valid: false, reason: 'the PLAIN response names no user' }
  if (authzid !== '' && authzid !== user) {
    return {
      valid: false,
      reason: 'the PLAIN authorization identity must be empty or the user itself',
    }
  }
  return { valid: true, credentials: { user, password } }
}
