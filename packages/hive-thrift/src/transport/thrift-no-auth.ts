import type { ThriftAuthenticate, ThriftCredentials } from './thrift-authenticate.js'

/**
 * No authentication: anyone gets in; the user named in SASL PLAIN or HTTP Basic is trusted as it is
 * (the password is ignored), and without credentials (NOSASL) the user is `undefined`, so the
 * OpenSession request's `username` counts. Only for a server behind something that authenticates, or
 * on a trusted network: a host must choose it explicitly.
 *
 * @example
 * ```ts
 * const server = thriftBinaryServer(processor, { authenticate: thriftNoAuth() })
 * ```
 */
export function thriftNoAuth(): ThriftAuthenticate {
  return (credentials: ThriftCredentials | undefined) => credentials?.user
}
