import { describe, expect, it } from 'vitest'
import { BatchgateError, ErrorCode } from '@batchgate/core'
import { decodeRowSet } from '../../src/client/decode-row-set.js'
import { decodeReply, encodeReply } from '../../src/protocol/index.js'
import { TStatusCode, type TRowSet } from '../../src/protocol/tcliservice-types.js'

/** A nulls bitmap, LSB first: bit i of byte i >> 3 set for each listed row. */
function nulls(...rows: number[]): Buffer {
  const bitmap = Buffer.alloc(Math.max(0, ...rows.map((row) => (row >> 3) + 1)))
  for (const row of rows) bitmap[row >> 3] = (bitmap[row >> 3] ?? 0) | (1 << (row & 7))
  return bitmap
}

describe('decodeRowSet', () => {
  it('reads a columnar row set of every column kind, NULLs from the LSB-first bitmap', () => {
    const rowSet: TRowSet = {
      startRowOffset: 40n,
      rows: [],
      columns: [
        { boolVal: { values: [true, false, true], nulls: nulls(1) } },
        { byteVal: { values: [-1, 0, 127], nulls: Buffer.alloc(0) } },
        { i16Val: { values: [0, -300, 0], nulls: nulls(0, 2) } },
        { i32Val: { values: [7, 8, 9], nulls: Buffer.from([0]) } },
        { i64Val: { values: [9007199254740993n, -1n, 0n], nulls: nulls(2) } },
        { doubleVal: { values: [0.5, Number.NaN, -Infinity], nulls: Buffer.alloc(0) } },
        { stringVal: { values: ['a', '', 'ünï'], nulls: nulls(1) } },
        {
          binaryVal: { values: [Buffer.from([0, 255]), Buffer.alloc(0), Buffer.from('x')], nulls: nulls(2) },
        },
      ],
    }
    expect(decodeRowSet(rowSet, true)).toEqual({
      startRowOffset: 40,
      hasMoreRows: true,
      rows: [
        [true, -1, null, 7, 9007199254740993n, 0.5, 'a', new Uint8Array([0, 255])],
        [null, 0, -300, 8, -1n, Number.NaN, null, new Uint8Array([])],
        [true, 127, null, 9, null, -Infinity, 'ünï', null],
      ],
    })
    const binary = decodeRowSet(rowSet, true).rows[0]?.[7]
    // A plain Uint8Array, as core's CellValue says, not the decoder's Buffer.
    expect(Object.getPrototypeOf(binary)).toBe(Uint8Array.prototype)
  })

  it('reads a row set as the codec decodes it off the wire (i64 values as bigint, binary as Buffer)', () => {
    const wire = encodeReply('FetchResults', 9, {
      status: { statusCode: TStatusCode.SUCCESS_STATUS },
      hasMoreRows: true,
      results: {
        startRowOffset: 1000,
        rows: [],
        columns: [
          { i64Val: { values: [1000, 2n ** 62n], nulls: nulls() } },
          { stringVal: { values: ['row 1000', ''], nulls: nulls(1) } },
          { binaryVal: { values: [Buffer.from('ab'), Buffer.alloc(0)], nulls: nulls() } },
        ],
      },
    })
    const reply = decodeReply(wire)
    if (reply.kind !== 'reply' || reply.method !== 'FetchResults') throw new Error('not a FetchResults reply')
    const { results, hasMoreRows } = reply.response
    if (results === undefined) throw new Error('no row set')
    expect(decodeRowSet(results, hasMoreRows ?? false)).toEqual({
      startRowOffset: 1000,
      hasMoreRows: true,
      rows: [
        [1000n, 'row 1000', new Uint8Array([97, 98])],
        [2n ** 62n, null, new Uint8Array([])],
      ],
    })
  })

  it('reads NULLs past the first byte of the bitmap (row 8 is bit 0 of byte 1)', () => {
    const values = Array.from({ length: 12 }, (_, index) => BigInt(index))
    const { rows } = decodeRowSet(
      { startRowOffset: 0n, rows: [], columns: [{ i64Val: { values, nulls: nulls(3, 8, 11) } }] },
      false,
    )
    expect(rows.map((row) => row[0])).toEqual([0n, 1n, 2n, null, 4n, 5n, 6n, 7n, null, 9n, 10n, null])
  })

  it('reads a row-based row set (protocol V1–V5), an unset value as NULL', () => {
    const rowSet: TRowSet = {
      startRowOffset: 3n,
      rows: [
        {
          colVals: [
            { i64Val: { value: 5n } },
            { stringVal: { value: 'five' } },
            { boolVal: { value: false } },
            { doubleVal: { value: 2.5 } },
          ],
        },
        {
          colVals: [{ i64Val: {} }, { stringVal: {} }, { byteVal: { value: 1 } }, { i32Val: { value: -4 } }],
        },
      ],
    }
    expect(decodeRowSet(rowSet, false)).toEqual({
      startRowOffset: 3,
      hasMoreRows: false,
      rows: [
        [5n, 'five', false, 2.5],
        [null, null, 1, -4],
      ],
    })
  })

  it('gives an empty block with its offset', () => {
    expect(decodeRowSet({ startRowOffset: 100n, rows: [], columns: [] }, false)).toEqual({
      startRowOffset: 100,
      rows: [],
      hasMoreRows: false,
    })
    expect(
      decodeRowSet(
        { startRowOffset: 7n, rows: [], columns: [{ i64Val: { values: [], nulls: Buffer.alloc(0) } }] },
        false,
      ),
    ).toEqual({ startRowOffset: 7, rows: [], hasMoreRows: false })
  })

  it('refuses what no reader can use with SOURCE_FAILED', () => {
    const broken: [TRowSet, string][] = [
      [
        {
          startRowOffset: 0n,
          rows: [],
          columns: [
            { i64Val: { values: [1n, 2n], nulls: Buffer.alloc(0) } },
            { stringVal: { values: ['a'], nulls: Buffer.alloc(0) } },
          ],
        },
        'column 1 has 1 values but column 0 has 2',
      ],
      [{ startRowOffset: 0n, rows: [], columns: [{}] }, "column 0 sets none of TColumn's kinds"],
      [
        { startRowOffset: 0n, rows: [{ colVals: [{}] }] },
        "rows[0].colVals[0] sets none of TColumnValue's kinds",
      ],
      [{ startRowOffset: 0n, rows: [], binaryColumns: Buffer.from([1]) }, 'compressed binaryColumns'],
      [{ startRowOffset: -1n, rows: [] }, 'startRowOffset is -1'],
      [{ startRowOffset: 2n ** 53n, rows: [] }, 'startRowOffset is 9007199254740992'],
    ]
    for (const [rowSet, reason] of broken) {
      let error: unknown
      try {
        decodeRowSet(rowSet, false)
      } catch (err) {
        error = err
      }
      expect(BatchgateError.is(error, ErrorCode.SOURCE_FAILED)).toBe(true)
      expect((error as Error).message).toContain(reason)
    }
  })
})
