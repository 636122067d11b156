import { ThriftAuthenticationError, type ThriftCredentials } from '../thrift-authenticate.js'

/** Longer headers are refused before decoding (Node already bounds all headers to 16 KiB). */
const MAX_TOKEN_LENGTH = 4096
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/**
 * The credentials of an `Authorization: Basic` header, `undefined` without the header. The scheme name
 * is case-insensitive (RFC 9110). Another scheme or a malformed token is a
 * {@link ThriftAuthenticationError} whose message never shows the token.
 *
 * @example
 * ```ts
 * basicCredentials(req.headers.authorization) // { user: 'alice', password: '…' }
 * ```
 */
export function basicCredentials(header: string | undefined): ThriftCredentials | undefined {
  if (header === undefined) return undefined
  const match = /^([A-Za-z]+) +(\S+) *$/.exec(header)
  if (match === null || match[1]?.toLowerCase() !== 'basic') {
    throw new ThriftAuthenticationError('the Authorization header must use the Basic scheme')
  }
  const token = match[2] ?? ''
  if (token.length > MAX_TOKEN_LENGTH || !BASE64.test(token)) {
    throw new ThriftAuthenticationError('the Basic credentials are not base64')
  }
  const decoded = Buffer.from(token, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) throw new ThriftAuthenticationError('the Basic credentials must be user:password')
  const user = decoded.slice(0, colon)
  if (user === '') throw new ThriftAuthenticationError('the Basic credentials name no user')
  return { user, password: decoded.slice(colon + 1) }
}
