// npm's hive-driver (a HiveServer2 client nobody here wrote) with the narrow types these tests use: its
// own declarations type the generated Thrift code as `any`.
import hive from 'hive-driver'
import type { HiveClient } from 'hive-driver'

type HiveSession = Awaited<ReturnType<HiveClient['openSession']>>
type HiveOperation = Awaited<ReturnType<HiveSession['executeStatement']>>

/** How a test reaches the gateway's Thrift fronts. */
export type ThriftMode = 'NOSASL' | 'PLAIN' | 'HTTP'

/** A Thrift i64 as hive-driver's generated code decodes it (node-int64). */
export interface Int64Value {
  toNumber(): number
}

/** The parts of hive-driver's generated `TCLIService_types` the tests use. */
export interface TcliTypes {
  readonly TProtocolVersion: Record<string, number>
  readonly TFetchOrientation: Record<
    'FETCH_NEXT' | 'FETCH_PRIOR' | 'FETCH_RELATIVE' | 'FETCH_ABSOLUTE' | 'FETCH_FIRST' | 'FETCH_LAST',
    number
  >
  readonly TStatusCode: Record<
    | 'SUCCESS_STATUS'
    | 'SUCCESS_WITH_INFO_STATUS'
    | 'STILL_EXECUTING_STATUS'
    | 'ERROR_STATUS'
    | 'INVALID_HANDLE_STATUS',
    number
  >
  readonly TOperationState: Record<string, number>
  readonly TGetInfoType: Record<string, number>
  readonly TTypeId: Record<string, number>
  readonly TOpenSessionReq: new (args: object) => object
  readonly TExecuteStatementReq: new (args: object) => object
  readonly TFetchResultsReq: new (args: object) => object
  readonly TCloseOperationReq: new (args: object) => object
  readonly TCloseSessionReq: new (args: object) => object
  readonly TGetOperationStatusReq: new (args: object) => object
  readonly TGetTablesReq: new (args: object) => object
}

/** A TStatus as decoded. */
export interface TStatusValue {
  readonly statusCode: number
  readonly sqlState?: string | null
  readonly errorCode?: number | null
  readonly errorMessage?: string | null
}

/** A handle identifier as decoded. */
export interface THandleValue {
  readonly guid: Buffer
  readonly secret: Buffer
}

/** A TColumn as decoded: one of its typed members is set. */
export type TColumnValue = Partial<
  Record<
    'boolVal' | 'byteVal' | 'i16Val' | 'i32Val' | 'i64Val' | 'doubleVal' | 'stringVal' | 'binaryVal',
    { readonly values: readonly unknown[]; readonly nulls: Buffer }
  >
>

/** A TRowSet as decoded. */
export interface TRowSetValue {
  readonly startRowOffset: Int64Value
  readonly rows: readonly { readonly colVals: readonly Record<string, { value?: unknown } | null>[] }[]
  readonly columns?: readonly TColumnValue[] | null
}

/** The TCLIService methods the tests call on hive-driver's raw Thrift client (promises, without callbacks). */
export interface RawTcliClient {
  OpenSession(req: object): Promise<{
    readonly status: TStatusValue
    readonly serverProtocolVersion: number
    readonly sessionHandle: { readonly sessionId: THandleValue }
  }>
  ExecuteStatement(req: object): Promise<{
    readonly status: TStatusValue
    readonly operationHandle: {
      readonly operationId: THandleValue
      readonly operationType: number
      readonly hasResultSet: boolean
    } | null
  }>
  GetOperationStatus(req: object): Promise<{ readonly status: TStatusValue; readonly operationState: number }>
  FetchResults(req: object): Promise<{
    readonly status: TStatusValue
    readonly hasMoreRows: boolean | null
    readonly results: TRowSetValue | null
  }>
  GetTables(req: object): Promise<{ readonly status: TStatusValue; readonly operationHandle: object | null }>
  CloseOperation(req: object): Promise<{ readonly status: TStatusValue }>
  CloseSession(req: object): Promise<{ readonly status: TStatusValue }>
}

/** hive-driver's generated code (from its bundled TCLIService.thrift), as its own classes take it. */
const generated = hive.thrift as {
  readonly TCLIService: object
  readonly TCLIService_types: ConstructorParameters<typeof hive.HiveClient>[1]
}

/** hive-driver's generated Thrift types. */
export const TCLI = generated.TCLIService_types as unknown as TcliTypes

/** The protocol version hive-driver's examples open sessions with. */
export const CLIENT_PROTOCOL = TCLI.TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10 ?? 9

/** Where the gateway's Thrift fronts are. */
export interface ThriftEndpoints {
  readonly thrift: { readonly host: string; readonly port: number } | undefined
  readonly thriftHttpUrl: string | undefined
}

/** A connected hive-driver client, its raw Thrift client, and a way to close it. */
export interface ConnectedClient {
  readonly client: HiveClient
  readonly raw: RawTcliClient
  /** Connection-level errors hive-driver emitted (HTTP status codes, resets), in order. */
  readonly errors: Error[]
  close(): void
}

/**
 * Connects hive-driver to the gateway in `mode`: NOSASL (unframed binary), PLAIN (SASL PLAIN then
 * framed binary) or HTTP (POST /cliservice with Basic credentials).
 *
 * @example
 * ```ts
 * const { client, close } = await connectHiveDriver(gateway, 'PLAIN', { user: 'alice', password: 'x' })
 * const session = await client.openSession({ client_protocol: CLIENT_PROTOCOL })
 * ```
 */
export async function connectHiveDriver(
  endpoints: ThriftEndpoints,
  mode: ThriftMode,
  credentials: { readonly user: string; readonly password: string } = { user: 'alice', password: 'any' },
): Promise<ConnectedClient> {
  const client = new hive.HiveClient(generated.TCLIService, generated.TCLIService_types)
  const errors: Error[] = []
  client.on('error', (error: Error) => errors.push(error))
  const auth = { username: credentials.user, password: credentials.password }
  if (mode === 'HTTP') {
    const url = new URL(required(endpoints.thriftHttpUrl, 'the Thrift HTTP front'))
    await client.connect(
      { host: url.hostname, port: Number(url.port), options: { path: url.pathname } },
      new hive.connections.HttpConnection(),
      new hive.auth.PlainHttpAuthentication(auth),
    )
  } else {
    const { host, port } = required(endpoints.thrift, 'the Thrift binary front')
    await client.connect(
      { host, port },
      new hive.connections.TcpConnection(),
      mode === 'PLAIN' ? new hive.auth.PlainTcpAuthentication(auth) : new hive.auth.NoSaslAuthentication(),
    )
  }
  return {
    client,
    raw: client.getClient() as unknown as RawTcliClient,
    errors,
    close: () => {
      client.close()
    },
  }
}

/** hive-driver's utilities (fetchAll, getResult) over its generated types. */
export const hiveUtils = new hive.HiveUtils(generated.TCLIService_types)

/**
 * Fetches every row of `operation` with hive-driver's `HiveUtils.fetchAll` in blocks of `blockRows`
 * and returns them as its JSON result gives them (one object per row, keyed by column name).
 */
export async function fetchAllRows(
  operation: HiveOperation,
  blockRows = 1000,
): Promise<Record<string, unknown>[]> {
  operation.setMaxRows(blockRows)
  await hiveUtils.waitUntilReady(operation, false, () => undefined)
  await hiveUtils.fetchAll(operation)
  return hiveUtils.getResult(operation).getValue() as Record<string, unknown>[]
}

/** The first column of a decoded TRowSet as numbers (columnar or row-based), for Spark's vectors. */
export function firstColumnNumbers(rowSet: TRowSetValue): number[] {
  const column = rowSet.columns?.[0]
  if (column !== undefined) {
    const values = column.i64Val?.values ?? column.i32Val?.values ?? []
    return values.map(toNumber)
  }
  return rowSet.rows.map((row) => {
    const cell = row.colVals[0]
    const value = cell === undefined ? undefined : Object.values(cell).find((v) => v !== null)?.value
    return toNumber(value)
  })
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value
  if (value !== null && typeof value === 'object' && 'toNumber' in value) {
    return (value as Int64Value).toNumber()
  }
  throw new Error(`not a number: ${String(value)}`)
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is off`)
  return value
}

export type { HiveSession, HiveOperation }
