import thrift from 'thrift'
import { describe, expect, it } from 'vitest'
import {
  ThriftDecodeError,
  decodeCall,
  decodeReply,
  encodeCall,
  encodeReply,
  type TCloseSessionReq,
} from '../../src/protocol/index.js'
import { writeMessage } from '../../src/protocol/message-writer.js'
import { HANDLE_IDENTIFIER, STATUS } from '../../src/protocol/schema/status-and-handles.js'
import {
  BINARY,
  I32,
  STRING,
  list,
  map,
  optional,
  required,
  struct,
  type StructSpec,
} from '../../src/protocol/schema/thrift-schema.js'
import { writeStruct } from '../../src/protocol/struct-writer.js'
import { EXCHANGES } from './helpers/fixtures.js'

// Bad input: every way a message can be wrong ends in a ThriftDecodeError that says what, never in
// another error, a hang or a made-up value.

const sessionHandle = EXCHANGES.CloseSession.request.sessionHandle
const { CALL, REPLY } = thrift.Thrift.MessageType

/** A CALL of `method` whose args struct is written from `schema` (field 1 = the request). */
function callWith(method: string, requestSchema: StructSpec, request: unknown): Buffer {
  const args = struct<{ req: unknown }>('args', [required(1, 'req', requestSchema)])
  return writeMessage(method, CALL, 5, (out) => {
    writeStruct(out, args.schema, { req: request })
  })
}

function decodeError(run: () => unknown): ThriftDecodeError {
  try {
    run()
  } catch (err) {
    expect(err).toBeInstanceOf(ThriftDecodeError)
    expect(ThriftDecodeError.is(err)).toBe(true)
    expect((err as ThriftDecodeError).code).toBe('THRIFT_DECODE_ERROR')
    return err as ThriftDecodeError
  }
  throw new Error('expected a ThriftDecodeError, but the message decoded')
}

describe('decode errors', () => {
  it('garbage is no message', () => {
    for (const bytes of [
      Buffer.alloc(0),
      Buffer.from('garbage, not thrift at all'),
      Buffer.from([0x80, 0x01]),
    ]) {
      decodeError(() => decodeCall(bytes))
      decodeError(() => decodeReply(bytes))
    }
    expect(
      decodeError(() => decodeCall(Buffer.from([0, 0, 0, 1, 0x41, 1, 0, 0, 0, 1, 0]))).message,
    ).toContain('No protocol version header')
  })

  it('every truncation of a call and of a reply is an error (the runtime’s underrun as the cause)', () => {
    const call = encodeCall('ExecuteStatement', 1, EXCHANGES.ExecuteStatement.request)
    const reply = encodeReply('FetchResults', 1, EXCHANGES.FetchResults.responses[0] as never)
    for (let length = 0; length < call.length; length++)
      decodeError(() => decodeCall(call.subarray(0, length)))
    for (let length = 0; length < reply.length; length++)
      decodeError(() => decodeReply(reply.subarray(0, length)))
    const cut = decodeError(() => decodeCall(call.subarray(0, call.length - 20)))
    expect(cut.message).toMatch(/^TExecuteStatementReq\S*: the message ends before the value does$/)
    expect(cut.cause).toBeInstanceOf(Error)
  })

  it('a missing required field is an error naming it', () => {
    const partialHandle = struct<{ sessionId: unknown }>('TSessionHandle', [
      required(1, 'sessionId', struct<{ guid: unknown }>('THandleIdentifier', [required(1, 'guid', BINARY)])),
    ])
    const request = struct<TCloseSessionReq>('TCloseSessionReq', [
      required(1, 'sessionHandle', partialHandle),
    ])
    const bytes = callWith('CloseSession', request, {
      sessionHandle: { sessionId: { guid: Buffer.alloc(16) } },
    })
    expect(decodeError(() => decodeCall(bytes)).message).toBe(
      'TCloseSessionReq.sessionHandle.sessionId.secret: required field of THandleIdentifier is missing',
    )
    const noRequest = writeMessage('CloseSession', CALL, 5, (out) => {
      writeStruct(out, struct('args', []).schema, {})
    })
    expect(decodeError(() => decodeCall(noRequest)).message).toContain(
      'required field of TCloseSessionReq_args is missing',
    )
  })

  it('a required field of the wrong type is skipped, and then missing', () => {
    const request = struct<{ sessionHandle: unknown }>('TCloseSessionReq', [
      required(1, 'sessionHandle', STRING),
    ])
    expect(
      decodeError(() => decodeCall(callWith('CloseSession', request, { sessionHandle: 'x' }))).message,
    ).toBe('TCloseSessionReq.sessionHandle: required field of TCloseSessionReq is missing')
  })

  it('a reply without its response, or with a union of no known field, is an error', () => {
    const empty = writeMessage('GetInfo', REPLY, 1, (out) => {
      writeStruct(out, struct('result', []).schema, {})
    })
    expect(decodeError(() => decodeReply(empty)).message).toContain('the reply holds no response')
    const strangeInfo = struct<{ status: unknown; infoValue: unknown }>('TGetInfoResp', [
      required(1, 'status', STATUS),
      required(2, 'infoValue', struct<{ future: unknown }>('TGetInfoValue', [optional(9, 'future', STRING)])),
    ])
    const reply = writeMessage('GetInfo', REPLY, 1, (out) => {
      writeStruct(out, struct<{ success: unknown }>('result', [optional(0, 'success', strangeInfo)]).schema, {
        success: { status: { statusCode: 0 }, infoValue: { future: 'x' } },
      })
    })
    expect(decodeError(() => decodeReply(reply)).message).toBe(
      'TGetInfoResp.infoValue: a TGetInfoValue (union) needs exactly one known field set, got 0',
    )
  })

  it('sizes that cannot fit in the message are refused before anything is allocated for them', () => {
    const call = encodeCall('GetTables', 1, { sessionHandle, tableTypes: ['TABLE'] })
    // The list header is the only 0x0f 0x00 0x05 (field 5, a list); make it claim 2^31 - 1 strings.
    const at = call.indexOf(Buffer.from([0x0f, 0x00, 0x05, 0x0b]))
    const forged = Buffer.from(call)
    forged.writeInt32BE(0x7fffffff, at + 4)
    expect(decodeError(() => decodeCall(forged)).message).toMatch(
      /^TGetTablesReq\.tableTypes: a list of 2147483647 elements does not fit in the \d+ bytes left$/,
    )
    forged.writeInt32BE(-1, at + 4)
    expect(decodeError(() => decodeCall(forged)).message).toBe(
      'TGetTablesReq.tableTypes: negative list size -1',
    )
    const stringAt = forged.indexOf(Buffer.from('TABLE')) - 4
    forged.writeInt32BE(1, at + 4)
    forged.writeInt32BE(1 << 30, stringAt)
    expect(decodeError(() => decodeCall(forged)).message).toMatch(
      /^TGetTablesReq\.tableTypes\[0\]: a length of 1073741824/,
    )
  })

  it('a list of the wrong element type is an error', () => {
    const request = struct<{ sessionHandle: unknown; tableTypes: unknown }>('TGetTablesReq', [
      required(1, 'sessionHandle', struct('TSessionHandle', [required(1, 'sessionId', HANDLE_IDENTIFIER)])),
      optional(5, 'tableTypes', list(I32)),
    ])
    const bytes = callWith('GetTables', request, { sessionHandle, tableTypes: [1, 2] })
    expect(decodeError(() => decodeCall(bytes)).message).toBe(
      'TGetTablesReq.tableTypes: list elements of wire type 8 where 11 is expected',
    )
  })

  it('a reply is no call and a call is no reply', () => {
    const reply = encodeReply('CloseSession', 1, { status: { statusCode: 0 } })
    expect(decodeError(() => decodeCall(reply)).message).toContain('expected a call')
    const call = encodeCall('CloseSession', 1, { sessionHandle })
    expect(decodeError(() => decodeReply(call)).message).toContain('expected a reply')
  })

  it('the args of a method we do not serve are still checked to be well-formed', () => {
    const good = callWith(
      'GetPrimaryKeys',
      struct('TGetPrimaryKeysReq', [optional(2, 'catalogName', STRING)]),
      {
        catalogName: 'x',
      },
    )
    expect(decodeCall(good)).toEqual({ method: 'GetPrimaryKeys', seqid: 5, served: false })
    decodeError(() => decodeCall(good.subarray(0, good.length - 3)))
  })
})

describe('forward compatibility', () => {
  it('fields a newer peer adds are skipped, whatever their type', () => {
    const newer = struct<Record<string, unknown>>('TCloseSessionReq', [
      required(1, 'sessionHandle', struct('TSessionHandle', [required(1, 'sessionId', HANDLE_IDENTIFIER)])),
      optional(7, 'note', STRING),
      optional(8, 'tags', map(STRING, list(I32))),
      optional(9, 'nested', struct('Nested', [optional(1, 'deep', list(STATUS))])),
    ])
    const bytes = callWith('CloseSession', newer, {
      sessionHandle,
      note: 'hello',
      tags: { a: [1, 2] },
      nested: { deep: [{ statusCode: 0 }] },
    })
    expect(decodeCall(bytes)).toEqual({
      method: 'CloseSession',
      seqid: 5,
      served: true,
      args: { sessionHandle },
    })
  })
})
