import { describe, expect, it } from 'vitest'
import type { ResultRow } from '@batchgate/core'
import { ColumnKind } from '../../src/service/column-kind.js'
import { columnarRowSet } from '../../src/service/columnar-row-set.js'
import { rowBasedRowSet } from '../../src/service/row-based-row-set.js'

/** One column of `kind` over `cells`, converted columnar: its values. */
function columnValues(kind: ColumnKind, cells: ResultRow[number][]): unknown[] {
  const [column] = columnarRowSet(
    [kind],
    cells.map((cell) => [cell]),
  )
  const only = Object.values(column ?? {}).find((value) => value !== undefined) as {
    values: readonly unknown[]
  }
  return [...only.values]
}

describe('a cell whose JS type is not its column’s converts predictably', () => {
  it('into integer columns: truncated toward zero and wrapped to the width, booleans 1/0, integer strings parsed, others 0', () => {
    expect(
      columnValues(ColumnKind.I32, [
        2.9,
        -2.9,
        2 ** 31,
        5n,
        true,
        false,
        ' 42 ',
        'x',
        Number.NaN,
        new Uint8Array([1]),
      ]),
    ).toEqual([2, -2, -(2 ** 31), 5, 1, 0, 42, 0, 0, 0])
    expect(columnValues(ColumnKind.BYTE, [128, -129, 300n])).toEqual([-128, 127, 44])
    expect(columnValues(ColumnKind.I16, [32768, '-32769'])).toEqual([-32768, 32767])
    expect(columnValues(ColumnKind.I64, [2 ** 64, 1.5, '-9223372036854775809', 2n ** 63n, false])).toEqual([
      0n,
      1n,
      9223372036854775807n,
      -9223372036854775808n,
      0n,
    ])
  })

  it('into DOUBLE: Number(value); into BOOLEAN: non-zero numbers and "true" in any case', () => {
    expect(columnValues(ColumnKind.DOUBLE, [10n, true, '2.5', 'x', ''])).toEqual([
      10,
      1,
      2.5,
      Number.NaN,
      Number.NaN,
    ])
    expect(
      columnValues(ColumnKind.BOOL, [1, 0, Number.NaN, 2n, 0n, 'TRUE', 'yes', new Uint8Array([1])]),
    ).toEqual([true, false, false, true, false, true, false, false])
  })

  it('into STRING its string form (bytes as UTF-8), into BINARY a string’s UTF-8 bytes', () => {
    expect(columnValues(ColumnKind.STRING, [12n, 1.5, true, new TextEncoder().encode('é')])).toEqual([
      '12',
      '1.5',
      'true',
      'é',
    ])
    expect(columnValues(ColumnKind.BINARY, ['é', 7])).toEqual([Buffer.from('é'), Buffer.from('7')])
  })

  it('keeps safe-integer numbers in a BIGINT column as numbers and bigints as bigints (the codec writes both)', () => {
    expect(columnValues(ColumnKind.I64, [7, 7n, null])).toEqual([7, 7n, 0])
  })

  it('row-based: the same conversions, BINARY as its UTF-8 text', () => {
    expect(
      rowBasedRowSet([ColumnKind.I16, ColumnKind.BINARY], [['9', new TextEncoder().encode('ab')]]),
    ).toEqual([{ colVals: [{ i16Val: { value: 9 } }, { stringVal: { value: 'ab' } }] }])
  })
})
