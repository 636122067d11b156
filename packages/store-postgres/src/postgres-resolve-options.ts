import { BatchgateError, ErrorCode } from '@batchgate/core/store'
import {
  DEFAULT_APPLICATION_NAME,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_CONNECTIONS,
  DEFAULT_MIGRATION_LOCK_TIMEOUT_MS,
  DEFAULT_RETRY_FOR_MS,
  DEFAULT_SCHEMA,
  type PostgresConnectionOptions,
  type PostgresStoreOptions,
  type PostgresTarget,
  type ResolvedPostgresStoreOptions,
} from './postgres-store-options.js'
import { requireIntegerOption } from '@batchgate/sql-store'

/** `statement_timeout` is an int4 of milliseconds. */
const MAX_STATEMENT_TIMEOUT_MS = 2_147_483_647
/** PostgreSQL's identifiers: at most NAMEDATALEN - 1 = 63 bytes. */
const MAX_IDENTIFIER_BYTES = 63

/**
 * Applies defaults and rejects options that cannot work with `INVALID_OPTIONS`, before any connection.
 *
 * @example
 * ```ts
 * resolvePostgresStoreOptions({ connectionString: 'postgres://postgres@127.0.0.1/test' }).max // 10
 * ```
 */
export function resolvePostgresStoreOptions(options: PostgresStoreOptions): ResolvedPostgresStoreOptions {
  // Checked at run time: JavaScript callers are not held to the types.
  if (typeof options !== 'object' || (options as unknown) === null) {
    throw invalid('postgresStore needs options: { connectionString } or { host, user, password, database }')
  }
  const { target, description } =
    'connectionString' in options ? fromUri(options.connectionString, options) : fromFields(options)
  const schema = options.schema ?? DEFAULT_SCHEMA
  checkSchema(schema)
  const applicationName = options.applicationName ?? DEFAULT_APPLICATION_NAME
  if (typeof applicationName !== 'string' || applicationName.includes('\0')) {
    throw invalid('applicationName must be a string without NUL characters')
  }
  const resolved: ResolvedPostgresStoreOptions = {
    target,
    description: schema === DEFAULT_SCHEMA ? description : `${description} (schema ${schema})`,
    max: options.max ?? DEFAULT_MAX_CONNECTIONS,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    retryForMs: options.retryForMs ?? DEFAULT_RETRY_FOR_MS,
    statementTimeoutMs: options.statementTimeoutMs,
    migrationLockTimeoutMs: options.migrationLockTimeoutMs ?? DEFAULT_MIGRATION_LOCK_TIMEOUT_MS,
    schema,
    applicationName,
  }
  requireIntegerOption(resolved, 'max', 1)
  requireIntegerOption(resolved, 'idleTimeoutMs', 1)
  requireIntegerOption(resolved, 'connectTimeoutMs', 1)
  requireIntegerOption(resolved, 'retryForMs', 0)
  requireIntegerOption(resolved, 'migrationLockTimeoutMs', 0)
  if (resolved.statementTimeoutMs !== undefined) {
    // 0 would mean "no timeout" to the server, which leaving the option out already says.
    requireIntegerOption(resolved, 'statementTimeoutMs', 1, MAX_STATEMENT_TIMEOUT_MS)
  }
  return resolved
}

function fromUri(uri: unknown, options: object): { target: PostgresTarget; description: string } {
  for (const field of ['host', 'port', 'user', 'password', 'database', 'ssl']) {
    if (field in options) {
      throw invalid(
        `postgresStore takes either a connectionString or ${field} and the other fields, not both`,
      )
    }
  }
  if (typeof uri !== 'string') {
    throw invalid('connectionString must be a string such as postgres://user@host:5432/database')
  }
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    // The string may hold a password: never repeat it.
    throw invalid('connectionString is not a URL; expected postgres://user:password@host:port/database')
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw invalid(`connectionString must start with postgres:// or postgresql://, not ${url.protocol}//`)
  }
  const database = decodeURIComponent(url.pathname.slice(1))
  if (database === '' || database.includes('/')) {
    throw invalid('connectionString must name the database as its path: postgres://user@host:5432/database')
  }
  const host = url.hostname === '' ? (url.searchParams.get('host') ?? 'localhost') : url.hostname
  return { target: { connectionString: uri }, description: `${host}:${url.port || '5432'}/${database}` }
}

function fromFields(options: PostgresConnectionOptions): { target: PostgresTarget; description: string } {
  const { host, port, user, password, database, ssl } = options
  if (typeof database !== 'string' || database === '') {
    throw invalid(
      'postgresStore needs a database (or a connectionString naming one): the store creates its tables there',
    )
  }
  if (port !== undefined && (!Number.isSafeInteger(port) || port < 1 || port > 65_535)) {
    throw invalid('port must be an integer from 1 to 65535')
  }
  const target = {
    database,
    ...(host === undefined ? {} : { host }),
    ...(port === undefined ? {} : { port }),
    ...(user === undefined ? {} : { user }),
    ...(password === undefined ? {} : { password }),
    ...(ssl === undefined ? {} : { ssl }),
  }
  return { target, description: `${host ?? 'localhost'}:${port ?? 5432}/${database}` }
}

/**
 * The schema is always quoted (any name works), but it must be one PostgreSQL can hold: not empty, no
 * NUL, at most 63 bytes (a longer one would be cut silently, naming another schema), and not `pg_…`,
 * which the server reserves.
 */
function checkSchema(schema: unknown): asserts schema is string {
  if (
    typeof schema !== 'string' ||
    schema === '' ||
    schema.includes('\0') ||
    Buffer.byteLength(schema) > MAX_IDENTIFIER_BYTES ||
    schema.startsWith('pg_')
  ) {
    throw invalid('schema must be a name of 1 to 63 bytes, without NUL, not starting with pg_')
  }
}

function invalid(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_OPTIONS, message)
}
