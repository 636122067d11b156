import { BatchgateError, ErrorCode, type CellValue, type ResultRow, type RowSet } from '@batchgate/core'

/**
 * A `GET …/rowset` answer (`RowSetDto`) as core's `RowSet`, each value back in its JS type: an integer
 * `I64_VAL` always as a `bigint` (sent as a number when it is a safe integer, else as its decimal
 * string), a `DOUBLE_VAL` of `"NaN"`, `"Infinity"` or `"-Infinity"` as that number, a `BINARY_VAL` from
 * base64 to a `Uint8Array`; every other value (numbers, booleans, strings, `null`) as it came.
 *
 * An answer without `startRowOffset` or `hasMoreRows` — Apache Kyuubi's own, whose DTO lacks them — is
 * refused with `FETCH_OFFSET_MISMATCH`, Spark's rule for an old server: without them a reader cannot
 * tell where the server's cursor stands after a lost answer, and guessing could lose or repeat rows.
 * Any other answer that is not such a row set is `SOURCE_FAILED` (the server, the client's row source,
 * answered something unreadable); neither is retried.
 *
 * @example
 * ```ts
 * decodeRowSet(JSON.parse(text)) // { startRowOffset: 0, rows: [[1n, 'a']], hasMoreRows: false }
 * ```
 */
export function decodeRowSet(answer: unknown): RowSet<ResultRow> {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    throw unreadable('it is not a JSON object')
  }
  const { rows, rowCount, startRowOffset, hasMoreRows } = answer as Record<string, unknown>
  if (startRowOffset === undefined || hasMoreRows === undefined) {
    throw new BatchgateError(
      ErrorCode.FETCH_OFFSET_MISMATCH,
      'the server answered GET …/rowset without startRowOffset and hasMoreRows (an Apache Kyuubi server, ' +
        "whose row set lacks them): a read cannot tell where the server's cursor stands after a lost answer, " +
        'so it stops rather than risk a lost or repeated row; read from a batchgate server, or without kyuubiRestFetcher',
    )
  }
  if (!Number.isSafeInteger(startRowOffset) || (startRowOffset as number) < 0) {
    throw unreadable(`startRowOffset is ${JSON.stringify(startRowOffset)}, not a row index`)
  }
  if (typeof hasMoreRows !== 'boolean') throw unreadable('hasMoreRows is not a boolean')
  if (!Array.isArray(rows)) throw unreadable('rows is not an array')
  if (rowCount !== undefined && rowCount !== rows.length) {
    throw unreadable(`rowCount is ${JSON.stringify(rowCount)} but ${rows.length} rows came`)
  }
  return {
    startRowOffset: startRowOffset as number,
    rows: rows.map((row: unknown, index) => decodeRow(row, index)),
    hasMoreRows,
  }
}

function decodeRow(row: unknown, index: number): ResultRow {
  const fields = (row as { fields?: unknown } | null)?.fields
  if (!Array.isArray(fields)) throw unreadable(`rows[${index}] has no fields array`)
  return fields.map((field: unknown, column) => {
    const { dataType, value } = (field ?? {}) as { dataType?: unknown; value?: unknown }
    const cell = decodeValue(dataType, value)
    if (cell === undefined) {
      throw unreadable(
        `rows[${index}].fields[${column}] is ${JSON.stringify(value)} as ${JSON.stringify(dataType)}`,
      )
    }
    return cell
  })
}

const INTEGER = /^-?\d+$/
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/**
 * The value in its JS type, `undefined` when it is no JSON scalar. The server sends a value of an
 * unexpected JS type for its column as its string form, so any scalar is accepted as it came unless
 * the column's kind says how to convert it back.
 */
function decodeValue(dataType: unknown, value: unknown): CellValue | undefined {
  if (value === null) return null
  if (typeof dataType !== 'string') return undefined
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined
  switch (dataType) {
    case 'I64_VAL':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value)
      return typeof value === 'string' && INTEGER.test(value) ? BigInt(value) : value
    case 'DOUBLE_VAL':
      return value === 'NaN' || value === 'Infinity' || value === '-Infinity' ? Number(value) : value
    case 'BINARY_VAL':
      return typeof value === 'string' && value.length % 4 === 0 && BASE64.test(value)
        ? new Uint8Array(Buffer.from(value, 'base64'))
        : value
    default:
      return value
  }
}

function unreadable(reason: string): BatchgateError {
  return new BatchgateError(
    ErrorCode.SOURCE_FAILED,
    `the server's GET …/rowset answer is not a row set (${reason}): is baseUrl a batchgate Kyuubi REST front?`,
  )
}
