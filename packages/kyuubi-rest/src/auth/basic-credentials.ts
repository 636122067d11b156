/// <reference types="node" preserve="true" />
import type { IncomingMessage } from 'node:http'
import { AuthenticationError } from './authenticate.js'

/**
 * A user name and password from an `Authorization: Basic` header.
 *
 * @example
 * ```ts
 * const { user, password }: BasicCredentials = basicCredentials(req) ?? { user: 'anonymous', password: '' }
 * ```
 */
export interface BasicCredentials {
  readonly user: string
  readonly password: string
}

/** Longer headers are refused before decoding (Node already bounds all headers to 16 KiB). */
const MAX_TOKEN_LENGTH = 4096
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/**
 * The credentials of a request's `Authorization` header, `undefined` without one. The scheme name is
 * case-insensitive (RFC 9110; Kyuubi's Java client sends `BASIC`). Another scheme or a malformed token
 * is an {@link AuthenticationError}; its message never shows the token.
 *
 * @example
 * ```ts
 * const credentials = basicCredentials(req) // { user: 'alice', password: '…' }
 * ```
 */
export function basicCredentials(req: IncomingMessage): BasicCredentials | undefined {
  const header = req.headers.authorization
  if (header === undefined) return undefined
  const match = /^([A-Za-z]+) +(\S+) *$/.exec(header)
  if (match === null || match[1]?.toLowerCase() !== 'basic') {
    throw new AuthenticationError('the Authorization header must use the Basic scheme')
  }
  const token = match[2] ?? ''
  if (token.length > MAX_TOKEN_LENGTH || !BASE64.test(token)) {
    throw new AuthenticationError('the Basic credentials are not base64')
  }
  const decoded = Buffer.from(token, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) throw new AuthenticationError('the Basic credentials must be user:password')
  const user = decoded.slice(0, colon)
  if (user === '') throw new AuthenticationError('the Basic credentials name no user')
  return { user, password: decoded.slice(colon + 1) }
}
