/**
 * `@batchgate/kyuubi-rest`: Apache Kyuubi's REST API v1 — batches, sessions and statement operations —
 * over a batchgate engine, as a plain Node request listener for `node:http`, Express or Connect.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http'
 * import { kyuubiRestHandler, kyuubiNoneAuth } from '@batchgate/kyuubi-rest'
 *
 * createServer(kyuubiRestHandler(engine, { authenticate: kyuubiNoneAuth() })).listen(10099, '127.0.0.1')
 * ```
 */
export { kyuubiRestHandler, type KyuubiRestHandler } from './handler/kyuubi-rest-handler.js'
export type { KyuubiRestOptions } from './handler/kyuubi-rest-options.js'
export type { KyuubiRestEngine } from './handler/kyuubi-rest-engine.js'
export { AuthenticationError, type Authenticate } from './auth/authenticate.js'
export { basicAuth, type BasicAuthOptions } from './auth/basic-auth.js'
export { kyuubiNoneAuth, ANONYMOUS_USER } from './auth/kyuubi-none-auth.js'
export { basicCredentials, type BasicCredentials } from './auth/basic-credentials.js'
export { RestErrorCode } from './http/rest-error.js'
export type { BatchDto } from './batches/batch-dto.js'
export type { BatchListDto } from './batches/list-batches.js'
export type { ReassignBatchResponseDto } from './batches/reassign-batches.js'
export type { InstanceDto } from './admin/instance-dto.js'
export type { RowSetDto, FieldDto } from './operations/row-set-dto.js'
export type { ColumnDescDto } from './operations/result-metadata-dto.js'
export { kyuubiRestFetcher } from './client/kyuubi-rest-fetcher.js'
export type { KyuubiRestFetcherOptions, KyuubiRestCredentials } from './client/kyuubi-rest-fetcher-options.js'
export { KyuubiRestRequestError } from './client/kyuubi-rest-request-error.js'
export { KyuubiRestTransportError } from './client/kyuubi-rest-transport-error.js'
