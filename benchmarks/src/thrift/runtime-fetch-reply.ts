import thrift, { type TProtocol } from 'thrift'

// The FetchResults REPLY written the way the `thrift` compiler's generated Node.js code writes it
// (`TCLIService.js` / `TCLIService_types.js` from Hive's TCLIService.thrift): hand-written here, a
// mirror of generated code rather than generated code, because only these few structs are needed.
// Every struct is writeStructBegin, writeFieldBegin … writeFieldEnd per set field, writeFieldStop,
// writeStructEnd; every list is writeListBegin then one writeI64 / writeString per element, on the
// runtime's own TBinaryProtocol (strict) over its TBufferedTransport. This is the baseline the issue
// names ("the same `thrift` runtime serialising the same prepared TRowSet"); our codec packs scalar
// lists itself and is several times faster, so the codec baseline in `bare-thrift-server.ts` is the
// stricter one.

const { TBinaryProtocol, TBufferedTransport, Thrift, Int64 } = thrift
const { Type } = Thrift

/**
 * The prepared columnar block in the runtime's own representation: i64 values as the runtime's
 * `Int64` (what generated code holds after a read, and what `writeI64` writes without converting),
 * strings as strings, empty nulls bitmaps.
 */
export interface RuntimeBlock {
  readonly ids: readonly InstanceType<typeof Int64>[]
  readonly names: readonly string[]
}

/** The runtime's `Int64` of each bigint, made once. */
export function runtimeBlock(ids: readonly bigint[], names: readonly string[]): RuntimeBlock {
  return {
    ids: ids.map((id) => {
      const bytes = Buffer.alloc(8)
      bytes.writeBigInt64BE(id)
      return new Int64(bytes)
    }),
    names,
  }
}

const EMPTY_NULLS = Buffer.alloc(0)

/**
 * The bytes of a FetchResults REPLY holding `{ status: SUCCESS, hasMoreRows: true, results: { startRowOffset,
 * rows: [], columns: [i64Val, stringVal] } }`, written as generated code writes it.
 *
 * @example
 * ```ts
 * const reply = runtimeFetchReply(seqid, 0, runtimeBlock(ids, names))
 * ```
 */
export function runtimeFetchReply(seqid: number, startRowOffset: number, block: RuntimeBlock): Buffer {
  let message: Buffer | undefined
  const transport = new TBufferedTransport(undefined, (bytes) => {
    message = bytes
  })
  const output = new TBinaryProtocol(transport, false, true)
  // As the generated processor's `process_FetchResults` writes its result.
  output.writeMessageBegin('FetchResults', Thrift.MessageType.REPLY, seqid)
  writeFetchResultsResult(output, startRowOffset, block)
  output.writeMessageEnd()
  output.flush()
  if (message === undefined) throw new Error('the Thrift transport flushed no message')
  return message
}

/** `TCLIService_FetchResults_result.write`: field 0 `success`. */
function writeFetchResultsResult(output: TProtocol, startRowOffset: number, block: RuntimeBlock): void {
  output.writeStructBegin('TCLIService_FetchResults_result')
  output.writeFieldBegin('success', Type.STRUCT, 0)
  writeFetchResultsResp(output, startRowOffset, block)
  output.writeFieldEnd()
  output.writeFieldStop()
  output.writeStructEnd()
}

/** `TFetchResultsResp.write`: status, hasMoreRows, results. */
function writeFetchResultsResp(output: TProtocol, startRowOffset: number, block: RuntimeBlock): void {
  output.writeStructBegin('TFetchResultsResp')
  output.writeFieldBegin('status', Type.STRUCT, 1)
  output.writeStructBegin('TStatus')
  output.writeFieldBegin('statusCode', Type.I32, 1)
  output.writeI32(0) // TStatusCode.SUCCESS_STATUS
  output.writeFieldEnd()
  output.writeFieldStop()
  output.writeStructEnd()
  output.writeFieldEnd()
  output.writeFieldBegin('hasMoreRows', Type.BOOL, 2)
  output.writeBool(true)
  output.writeFieldEnd()
  output.writeFieldBegin('results', Type.STRUCT, 3)
  writeRowSet(output, startRowOffset, block)
  output.writeFieldEnd()
  output.writeFieldStop()
  output.writeStructEnd()
}

/** `TRowSet.write`: startRowOffset, an empty rows list, the two columns. */
function writeRowSet(output: TProtocol, startRowOffset: number, block: RuntimeBlock): void {
  output.writeStructBegin('TRowSet')
  output.writeFieldBegin('startRowOffset', Type.I64, 1)
  output.writeI64(startRowOffset)
  output.writeFieldEnd()
  output.writeFieldBegin('rows', Type.LIST, 2)
  output.writeListBegin(Type.STRUCT, 0)
  output.writeListEnd()
  output.writeFieldEnd()
  output.writeFieldBegin('columns', Type.LIST, 3)
  output.writeListBegin(Type.STRUCT, 2)
  // TColumn (a union) with field 5 i64Val: TI64Column { 1: values, 2: nulls }.
  output.writeStructBegin('TColumn')
  output.writeFieldBegin('i64Val', Type.STRUCT, 5)
  output.writeStructBegin('TI64Column')
  output.writeFieldBegin('values', Type.LIST, 1)
  output.writeListBegin(Type.I64, block.ids.length)
  for (const id of block.ids) output.writeI64(id)
  output.writeListEnd()
  output.writeFieldEnd()
  output.writeFieldBegin('nulls', Type.STRING, 2)
  output.writeBinary(EMPTY_NULLS)
  output.writeFieldEnd()
  output.writeFieldStop()
  output.writeStructEnd()
  output.writeFieldEnd()
  output.writeFieldStop()
  output.writeStructEnd()
  // TColumn with field 7 stringVal: TStringColumn { 1: values, 2: nulls }.
  output.writeStructBegin('TColumn')
  output.writeFieldBegin('stringVal', Type.STRUCT, 7)
  output.writeStructBegin('TStringColumn')
  output.writeFieldBegin('values', Type.LIST, 1)
  output.writeListBegin(Type.STRING, block.names.length)
  for (const name of block.names) output.writeString(name)
  output.writeListEnd()
  output.writeFieldEnd()
  output.writeFieldBegin('nulls', Type.STRING, 2)
  output.writeBinary(EMPTY_NULLS)
  output.writeFieldEnd()
  output.writeFieldStop()
  output.writeStructEnd()
  output.writeFieldEnd()
  output.writeFieldStop()
  output.writeStructEnd()
  output.writeListEnd()
  output.writeFieldEnd()
  output.writeFieldStop()
  output.writeStructEnd()
}
