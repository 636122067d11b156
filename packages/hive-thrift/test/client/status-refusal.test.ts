import { describe, expect, it } from 'vitest'
import { ErrorCode, FetchOrientation } from '@batchgate/core'
import { statusRefusal } from '../../src/client/status-refusal.js'
import { HiveThriftRequestError } from '../../src/client/hive-thrift-request-error.js'
import { TStatusCode } from '../../src/protocol/tcliservice-types.js'

describe('statusRefusal', () => {
  it('lets a success through, with or without info', () => {
    const { SUCCESS_STATUS, SUCCESS_WITH_INFO_STATUS } = TStatusCode
    expect(
      statusRefusal({ statusCode: SUCCESS_STATUS }, FetchOrientation.FETCH_NEXT, 'x', undefined),
    ).toBeUndefined()
    expect(
      statusRefusal(
        { statusCode: SUCCESS_WITH_INFO_STATUS, infoMessages: ['note'] },
        FetchOrientation.FETCH_NEXT,
        'x',
        undefined,
      ),
    ).toBeUndefined()
  })

  it("reads Hive's refusal of FETCH_PRIOR (HY106) as a server that cannot scroll back", () => {
    const refusal = statusRefusal(
      {
        statusCode: TStatusCode.ERROR_STATUS,
        sqlState: 'HY106',
        errorCode: 0,
        errorMessage: 'The fetch type FETCH_PRIOR is not supported for this resultset',
      },
      FetchOrientation.FETCH_PRIOR,
      'FETCH_PRIOR(1)',
      undefined,
    )
    expect(HiveThriftRequestError.is(refusal, ErrorCode.UNSUPPORTED_FETCH_ORIENTATION)).toBe(true)
    expect(refusal).toMatchObject({
      sqlState: 'HY106',
      errorCode: 0,
      statusCode: TStatusCode.ERROR_STATUS,
      serverMessage: 'The fetch type FETCH_PRIOR is not supported for this resultset',
      message:
        'the server does not serve FETCH_PRIOR(1) (it cannot scroll back): The fetch type FETCH_PRIOR is not supported for this resultset (SQLSTATE HY106)',
    })
  })

  it('reads "not supported" without an SQLSTATE the same way, and gives it HY106', () => {
    const refusal = statusRefusal(
      { statusCode: TStatusCode.ERROR_STATUS, errorMessage: 'FETCH_PRIOR unsupported' },
      FetchOrientation.FETCH_PRIOR,
      'FETCH_PRIOR(1)',
      undefined,
    )
    expect(refusal).toMatchObject({ code: ErrorCode.UNSUPPORTED_FETCH_ORIENTATION, sqlState: 'HY106' })
  })

  it('maps invalid handles and the SQLSTATEs a host can act on; anything else is INVALID_REQUEST', () => {
    const cases: [Parameters<typeof statusRefusal>[0], ErrorCode][] = [
      [
        { statusCode: TStatusCode.INVALID_HANDLE_STATUS, errorMessage: 'Invalid OperationHandle' },
        ErrorCode.OPERATION_NOT_FOUND,
      ],
      [
        { statusCode: TStatusCode.ERROR_STATUS, sqlState: '24000', errorMessage: 'no such operation' },
        ErrorCode.OPERATION_NOT_FOUND,
      ],
      [
        { statusCode: TStatusCode.ERROR_STATUS, sqlState: 'HY010', errorMessage: 'still running' },
        ErrorCode.INVALID_OPERATION_STATE,
      ],
      [
        { statusCode: TStatusCode.ERROR_STATUS, sqlState: 'HY024', errorMessage: 'maxRows too large' },
        ErrorCode.INVALID_FETCH_REQUEST,
      ],
      [
        { statusCode: TStatusCode.ERROR_STATUS, sqlState: '28000', errorMessage: 'not yours' },
        ErrorCode.PERMISSION_DENIED,
      ],
      [
        { statusCode: TStatusCode.ERROR_STATUS, sqlState: 'HY000', errorMessage: 'boom' },
        ErrorCode.INVALID_REQUEST,
      ],
      [{ statusCode: TStatusCode.STILL_EXECUTING_STATUS }, ErrorCode.INVALID_REQUEST],
    ]
    for (const [status, code] of cases) {
      const refusal = statusRefusal(status, FetchOrientation.FETCH_NEXT, 'FETCH_NEXT(10)', undefined)
      expect(refusal?.code, JSON.stringify(status)).toBe(code)
    }
    expect(
      statusRefusal(
        { statusCode: TStatusCode.STILL_EXECUTING_STATUS },
        FetchOrientation.FETCH_NEXT,
        'FETCH_NEXT(10)',
        undefined,
      )?.message,
    ).toBe('the server refused FETCH_NEXT(10) (STILL_EXECUTING_STATUS): no message')
  })

  it('masks the password should the server echo it, and shortens a long message', () => {
    const refusal = statusRefusal(
      { statusCode: TStatusCode.ERROR_STATUS, errorMessage: `bad login hunter2 ${'x'.repeat(1000)}` },
      FetchOrientation.FETCH_NEXT,
      'FETCH_NEXT(1)',
      'hunter2',
    )
    expect(refusal?.message).toContain('bad login *** xxx')
    expect(refusal?.message).not.toContain('hunter2')
    expect(refusal?.serverMessage?.length).toBeLessThanOrEqual(301)
  })
})
