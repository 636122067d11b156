import { describe, expect, it } from 'vitest'
import {
  TApplicationExceptionType,
  TCLISERVICE_METHODS,
  TStatusCode,
  ThriftEncodeError,
  decodeCall,
  decodeReply,
  encodeApplicationException,
  encodeCall,
  encodeReply,
  encodeStatusReply,
  isServedMethod,
  isTCLIServiceMethod,
  type Encodable,
  type TFetchResultsResp,
} from '../../src/protocol/index.js'
import { COLUMNAR_ROW_SET, EXCHANGES, SERVED_METHODS } from './helpers/fixtures.js'
import { generatedClientCalls } from './helpers/generated-service.js'
import { hiveDriverGenerated } from './helpers/hive-driver-generated.js'

// Every served request and response through our own encoder and decoder, and the messages for the
// methods we do not serve.

describe('round trips through the codec', () => {
  it.each(SERVED_METHODS)('%s: the request and every response come back as they went in', (method) => {
    const { request, responses } = EXCHANGES[method]
    const call = decodeCall(encodeCall(method, 7, request as never))
    expect(call).toEqual({ method, seqid: 7, served: true, args: request })
    for (const response of responses) {
      expect(decodeReply(encodeReply(method, 2 ** 31 - 1, response as never))).toEqual({
        kind: 'reply',
        method,
        seqid: 2 ** 31 - 1,
        response,
      })
    }
  })

  it('optional fields left out stay out (no defaults are made up)', () => {
    const handle = EXCHANGES.ExecuteStatement.request.sessionHandle
    const call = decodeCall(
      encodeCall('ExecuteStatement', 1, { sessionHandle: handle, statement: 'SELECT 1' }),
    )
    expect(call).toEqual({
      method: 'ExecuteStatement',
      seqid: 1,
      served: true,
      args: { sessionHandle: handle, statement: 'SELECT 1' },
    })
  })

  it('encodes i64 given as numbers exactly as the same bigints', () => {
    const asNumbers: Encodable<TFetchResultsResp> = {
      status: { statusCode: TStatusCode.SUCCESS_STATUS },
      results: {
        ...COLUMNAR_ROW_SET,
        startRowOffset: 1_000_000_000_000,
        columns: [
          {
            i64Val: {
              values: [Number.MIN_SAFE_INTEGER, -1, 0, 2 ** 32, Number.MAX_SAFE_INTEGER],
              nulls: Buffer.alloc(1),
            },
          },
        ],
      },
    }
    const asBigints: TFetchResultsResp = {
      status: { statusCode: TStatusCode.SUCCESS_STATUS },
      results: {
        ...COLUMNAR_ROW_SET,
        columns: [
          {
            i64Val: {
              values: [BigInt(Number.MIN_SAFE_INTEGER), -1n, 0n, 2n ** 32n, BigInt(Number.MAX_SAFE_INTEGER)],
              nulls: Buffer.alloc(1),
            },
          },
        ],
      },
    }
    const bytes = encodeReply('FetchResults', 1, asNumbers)
    expect(bytes.equals(encodeReply('FetchResults', 1, asBigints))).toBe(true)
    expect(decodeReply(bytes)).toMatchObject({ response: asBigints })
  })

  it('refuses values that do not fit, naming the field', () => {
    const withColumns = (columns: unknown): Buffer =>
      encodeReply('FetchResults', 1, {
        status: { statusCode: TStatusCode.SUCCESS_STATUS },
        results: { ...COLUMNAR_ROW_SET, columns },
      } as never)

    expect(() => withColumns([{ i64Val: { values: [1, 2 ** 53], nulls: Buffer.alloc(0) } }])).toThrow(
      new ThriftEncodeError(
        'TFetchResultsResp.results.columns[0].i64Val.values[1]: 9007199254740992 is not a safe integer for an i64',
      ),
    )
    expect(() => withColumns([{}])).toThrow(
      'TFetchResultsResp.results.columns[0]: a TColumn (union) needs exactly one field set, got 0',
    )
    expect(() =>
      withColumns([
        {
          i32Val: { values: [1], nulls: Buffer.alloc(0) },
          stringVal: { values: ['x'], nulls: Buffer.alloc(0) },
        },
      ]),
    ).toThrow('TFetchResultsResp.results.columns[0]: a TColumn (union) needs exactly one field set, got 2')
    expect(() => withColumns([{ i32Val: { values: [1, 2 ** 31], nulls: Buffer.alloc(0) } }])).toThrow(
      'TFetchResultsResp.results.columns[0].i32Val.values[1]: expected an integer in [-2147483648, 2147483647], got 2147483648',
    )
    expect(() => withColumns([{ stringVal: { values: ['a', null], nulls: Buffer.alloc(0) } }])).toThrow(
      'TFetchResultsResp.results.columns[0].stringVal.values[1]: expected a string, got null',
    )
    expect(() => withColumns([{ binaryVal: { values: [Buffer.alloc(1)] } }])).toThrow(
      'TFetchResultsResp.results.columns[0].binaryVal.nulls: required field of TBinaryColumn is missing',
    )
    expect(() => encodeReply('CloseSession', 1, {} as never)).toThrow(
      'TCloseSessionResp.status: required field of TCloseSessionResp is missing',
    )
    expect(() =>
      encodeCall('OpenSession', 1, { client_protocol: 9, configuration: { a: 1 } } as never),
    ).toThrow('TOpenSessionReq.configuration["a"]: expected a string, got 1')
  })

  it('tells served methods, other TCLIService methods and other names apart', () => {
    expect(TCLISERVICE_METHODS).toHaveLength(25)
    expect(SERVED_METHODS.every((method) => isServedMethod(method) && isTCLIServiceMethod(method))).toBe(true)
    const unserved = TCLISERVICE_METHODS.filter((method) => !isServedMethod(method))
    expect(unserved).toEqual([
      'GetPrimaryKeys',
      'GetCrossReference',
      'GetDelegationToken',
      'CancelDelegationToken',
      'RenewDelegationToken',
      'GetQueryId',
      'SetClientInfo',
      'UploadData',
      'DownloadData',
    ])
    expect(isTCLIServiceMethod('DropEverything')).toBe(false)
    expect(isServedMethod('toString')).toBe(false)
  })
})

describe('methods we do not serve', () => {
  /** hive-driver's generated client calls `method`; we decode the call and answer with `answer(call)`. */
  function theirClientGets(
    method: string,
    answer: (call: Buffer) => Buffer,
  ): { err: unknown; response: unknown } {
    // A request with every required field of the unserved requests: each takes the ones it knows.
    const request = {
      sessionHandle: EXCHANGES.CloseSession.request.sessionHandle,
      operationHandle: EXCHANGES.CloseOperation.request.operationHandle,
      owner: 'a',
      renewer: 'b',
      delegationToken: 't',
    }
    return generatedClientCalls(hiveDriverGenerated, method, request, answer)
  }

  // GetQueryId is left out: its response's field 1 is a string, not a status.
  it.each(['GetPrimaryKeys', 'GetCrossReference', 'GetDelegationToken', 'SetClientInfo', 'DownloadData'])(
    '%s: the call decodes as not served, and a status-only reply reaches the client as that status',
    (method) => {
      const status = {
        statusCode: TStatusCode.ERROR_STATUS,
        sqlState: '0A000',
        errorMessage: `${method} is not supported`,
      }
      const { err, response } = theirClientGets(method, (call) => {
        const decoded = decodeCall(call)
        expect(decoded).toEqual({ method, seqid: 1, served: false })
        return encodeStatusReply(decoded.method, decoded.seqid, status)
      })
      expect(err).toBeNull()
      expect(response).toMatchObject({ status })
    },
  )

  it('an application exception reaches the client as such, and decodes as one', () => {
    const bytes = encodeApplicationException(
      'GetQueryId',
      1,
      TApplicationExceptionType.UNKNOWN_METHOD,
      "Invalid method name: 'GetQueryId'",
    )
    expect(decodeReply(bytes)).toEqual({
      kind: 'exception',
      method: 'GetQueryId',
      seqid: 1,
      type: 1,
      message: "Invalid method name: 'GetQueryId'",
    })
    const { err } = theirClientGets('GetQueryId', () => bytes)
    expect(err).toMatchObject({ type: 1, message: "Invalid method name: 'GetQueryId'" })
  })
})
