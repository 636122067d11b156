import { FETCH_ORIENTATIONS, FetchOrientation, type ResultColumn } from '@batchgate/core'
import type {
  Encodable,
  TFetchResultsReq,
  TFetchResultsResp,
  TRowSet,
  TStatus,
} from '../protocol/tcliservice-types.js'
import type { ThriftPeer } from '../transport/thrift-message-processor.js'
import { columnKindOf, type ColumnKind } from './column-kind.js'
import { columnarRowSet } from './columnar-row-set.js'
import { FIRST_COLUMNAR_PROTOCOL, SERVER_PROTOCOL } from './protocol-version.js'
import { rowBasedRowSet } from './row-based-row-set.js'
import type { ResolvedHandle, ServiceContext } from './service-context.js'
import { errorStatus, statusOfError, SUCCESS_STATUS } from './thrift-status.js'

/** `fetchType` 0: the operation's result; 1: its log. */
const FETCH_RESULTS = 0
const FETCH_LOGS = 1

/** The error number of a fetch orientation this front does not serve (core's UNSUPPORTED_FETCH_ORIENTATION's). */
const UNSUPPORTED_ORIENTATION_ERROR = 1004

/** The column kinds of each result, computed once per result (its columns array lives as long as it). */
const kindsOfColumns = new WeakMap<readonly ResultColumn[], readonly ColumnKind[]>()

/**
 * FetchResults.
 *
 * - `fetchType` 0 reads a block of the result through core's cursor: FETCH_NEXT, FETCH_PRIOR,
 *   FETCH_FIRST and FETCH_LAST with Spark's (≥ 3.2) semantics; `startRowOffset` is the block's true
 *   0-based start and `hasMoreRows` is true until the block reaches the end (Spark always sends false).
 *   FETCH_ABSOLUTE and FETCH_RELATIVE need an offset the request has no field for: they answer ERROR
 *   with Spark's message ("The fetch type FETCH_ABSOLUTE is not supported for this resultset") and
 *   SQLSTATE `HY106`, and leave the cursor where it was (core is not called).
 * - `maxRows` must be from 1 to `maxFetchRows`: Spark answers 0 or a negative with an empty block (a
 *   client could spin on it); here it is an ERROR (`HY024`) saying the bounds, as is a larger one.
 * - Protocol V6 and later get a columnar `TRowSet`, earlier ones a row-based one.
 * - `fetchType` 1 (the log): core keeps no statement logs yet, so the answer is an empty log in Hive's
 *   shape: one STRING column (or no rows before V6), `hasMoreRows` false.
 *
 * @example
 * ```ts
 * await fetchResults(service, { operationHandle, orientation: TFetchOrientation.FETCH_PRIOR, maxRows: 100n }, peer)
 * ```
 */
export async function fetchResults(
  service: ServiceContext,
  request: TFetchResultsReq,
  peer: ThriftPeer,
): Promise<Encodable<TFetchResultsResp>> {
  let resolved: ResolvedHandle | undefined
  try {
    resolved = service.operation(request.operationHandle, peer)
    const protocol = resolved.session?.protocol ?? SERVER_PROTOCOL
    const refusal = refusalOf(request, service.settings.maxFetchRows)
    if (refusal !== undefined) {
      // The handle is checked first, so a closed operation reads "not found" whatever was asked.
      service.engine.operations.status(resolved.handle, resolved.context)
      return { status: refusal }
    }
    if ((request.fetchType ?? FETCH_RESULTS) === FETCH_LOGS) {
      service.engine.operations.status(resolved.handle, resolved.context)
      return { status: SUCCESS_STATUS, hasMoreRows: false, results: emptyLog(protocol) }
    }
    const orientation = FETCH_ORIENTATIONS[request.orientation] ?? FetchOrientation.FETCH_NEXT
    const block = await service.engine.operations.fetch(
      resolved.handle,
      orientation,
      Number(request.maxRows),
      undefined,
      resolved.context,
    )
    const kinds = kindsOf(service.engine.operations.resultMetadata(resolved.handle, resolved.context))
    const results: Encodable<TRowSet> =
      protocol >= FIRST_COLUMNAR_PROTOCOL
        ? { startRowOffset: block.startRowOffset, rows: [], columns: columnarRowSet(kinds, block.rows) }
        : { startRowOffset: block.startRowOffset, rows: rowBasedRowSet(kinds, block.rows) }
    return { status: SUCCESS_STATUS, hasMoreRows: block.hasMoreRows, results }
  } catch (error) {
    service.forgetIfGone(error, resolved, 'operation')
    return { status: statusOfError(error, service.settings.onError) }
  }
}

/** Why a fetch is refused before core is asked, or `undefined`. */
function refusalOf(request: TFetchResultsReq, maxFetchRows: number): TStatus | undefined {
  const fetchType = request.fetchType ?? FETCH_RESULTS
  if (fetchType !== FETCH_RESULTS && fetchType !== FETCH_LOGS) {
    return errorStatus(
      `FetchResults: fetchType ${fetchType} is neither 0 (the results) nor 1 (the log)`,
      'HY024',
    )
  }
  if (fetchType === FETCH_LOGS) return undefined
  const orientation = FETCH_ORIENTATIONS[request.orientation]
  if (orientation === undefined) {
    return errorStatus(
      `FetchResults: orientation ${request.orientation} is no TFetchOrientation (0 to 5)`,
      'HY106',
      UNSUPPORTED_ORIENTATION_ERROR,
    )
  }
  if (orientation === FetchOrientation.FETCH_ABSOLUTE || orientation === FetchOrientation.FETCH_RELATIVE) {
    return errorStatus(
      `The fetch type ${orientation} is not supported for this resultset`,
      'HY106',
      UNSUPPORTED_ORIENTATION_ERROR,
    )
  }
  const maxRows = request.maxRows
  if (maxRows < 1n) {
    return errorStatus(
      `FetchResults: maxRows must be at least 1 (and at most ${maxFetchRows}), got ${maxRows}`,
      'HY024',
    )
  }
  if (maxRows > BigInt(maxFetchRows)) {
    return errorStatus(
      `FetchResults: maxRows ${maxRows} is above this server's limit of ${maxFetchRows} rows per fetch (maxFetchRows): ask for at most ${maxFetchRows}`,
      'HY024',
    )
  }
  return undefined
}

function kindsOf(columns: readonly ResultColumn[]): readonly ColumnKind[] {
  let kinds = kindsOfColumns.get(columns)
  if (kinds === undefined) {
    kinds = columns.map((column) => columnKindOf(column.type))
    kindsOfColumns.set(columns, kinds)
  }
  return kinds
}

/** Hive's operation log row set, empty: one STRING column (V6+), or no rows. */
function emptyLog(protocol: number): Encodable<TRowSet> {
  return protocol >= FIRST_COLUMNAR_PROTOCOL
    ? { startRowOffset: 0, rows: [], columns: [{ stringVal: { values: [], nulls: Buffer.alloc(0) } }] }
    : { startRowOffset: 0, rows: [] }
}
