import { describe, expect, it } from 'vitest'
import { FetchOrientation, FETCH_ORIENTATIONS } from '@batchgate/core'
import { cursorMovementVectors, type CursorMovementStep } from '@batchgate/testkit'
import {
  TFetchOrientation,
  TProtocolVersion,
  TStatusCode,
  type TOperationHandle,
  type TRowSet,
} from '@batchgate/hive-thrift'
import { binaryPeer, startService, type ServiceHarness, type TestPeer } from './helpers/service-harness.js'
import { TYPES_ROWS } from './helpers/thrift-test-executor.js'

const { FETCH_NEXT, FETCH_PRIOR, FETCH_FIRST, FETCH_LAST, FETCH_ABSOLUTE, FETCH_RELATIVE } = TFetchOrientation

/** The wire value of a core orientation. */
const wire = (orientation: FetchOrientation): TFetchOrientation =>
  FETCH_ORIENTATIONS.indexOf(orientation) as TFetchOrientation

/** The ids of a `range N` block (one BIGINT column), read from the columnar row set. */
function ids(results: TRowSet | undefined): number[] {
  return (results?.columns?.[0]?.i64Val?.values ?? []).map(Number)
}

async function rangeOperation(
  rowCount: number,
  protocol: number = TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
): Promise<{ harness: ServiceHarness; peer: TestPeer; operation: TOperationHandle }> {
  const harness = await startService()
  const peer = binaryPeer('alice')
  const session = await harness.open(peer, protocol)
  const operation = await harness.execute(session, `range ${rowCount}`, peer)
  return { harness, peer, operation }
}

/** The vectors a Thrift client can send: the request has no offset, so no ABSOLUTE or RELATIVE step. */
const withoutOffsets = cursorMovementVectors.filter(({ steps }) =>
  steps.every(
    ({ orientation }) =>
      orientation !== FetchOrientation.FETCH_ABSOLUTE && orientation !== FetchOrientation.FETCH_RELATIVE,
  ),
)

/**
 * SPARK-29349's description scrolls back from the block [10, 20): the testkit vector reaches it with an
 * ABSOLUTE fetch, which a Thrift request cannot express; two FETCH_NEXT of 10 reach the same block.
 */
const spark29349 = cursorMovementVectors.find(({ name }) => name.startsWith('the SPARK-29349 description'))
const spark29349OverThrift = {
  name: 'the SPARK-29349 description, reaching [10, 20) with FETCH_NEXT',
  rowCount: spark29349?.rowCount ?? 0,
  steps: [
    { orientation: FetchOrientation.FETCH_NEXT, maxRows: 10, block: [0, 10] },
    { orientation: FetchOrientation.FETCH_NEXT, maxRows: 10, block: [10, 20] },
    ...(spark29349?.steps.slice(1) ?? []),
  ] satisfies CursorMovementStep[],
}

describe('FetchResults through core’s cursor', () => {
  it('runs Spark’s thriftserver FETCH_PRIOR vector and the SPARK-29349 one among them', () => {
    expect(withoutOffsets.map(({ name }) => name)).toContain("Spark's thriftserver FETCH_PRIOR sequence")
    expect(spark29349?.steps[0]?.orientation).toBe(FetchOrientation.FETCH_ABSOLUTE)
    expect(spark29349OverThrift.steps).toHaveLength(6)
  })

  it.each([...withoutOffsets, spark29349OverThrift])(
    '$name: every block and its startRowOffset and hasMoreRows',
    async ({ rowCount, steps }) => {
      const { harness, peer, operation } = await rangeOperation(rowCount)
      for (const { orientation, maxRows, block } of steps) {
        const response = await harness.call(
          'FetchResults',
          { operationHandle: operation, orientation: wire(orientation), maxRows },
          peer,
        )
        const [start, end] = block
        expect(response.status.statusCode, `${orientation} ${maxRows}`).toBe(TStatusCode.SUCCESS_STATUS)
        expect(response.results?.startRowOffset, `${orientation} ${maxRows}`).toBe(BigInt(start))
        expect(ids(response.results), `${orientation} ${maxRows}`).toEqual(
          Array.from({ length: end - start }, (_, index) => start + index),
        )
        expect(response.hasMoreRows, `${orientation} ${maxRows}`).toBe(end < rowCount)
      }
    },
  )

  it.each([
    ['FETCH_ABSOLUTE', FETCH_ABSOLUTE],
    ['FETCH_RELATIVE', FETCH_RELATIVE],
  ])(
    "answers %s with Spark's HY106 refusal and leaves the cursor where it was",
    async (name, orientation) => {
      const { harness, peer, operation } = await rangeOperation(10)
      await harness.call(
        'FetchResults',
        { operationHandle: operation, orientation: FETCH_NEXT, maxRows: 3 },
        peer,
      )
      const refused = await harness.call(
        'FetchResults',
        { operationHandle: operation, orientation, maxRows: 3 },
        peer,
      )
      expect(refused.status).toEqual({
        statusCode: TStatusCode.ERROR_STATUS,
        errorMessage: `The fetch type ${name} is not supported for this resultset`,
        sqlState: 'HY106',
        errorCode: 1004,
      })
      expect(refused.results).toBeUndefined()
      const next = await harness.call(
        'FetchResults',
        { operationHandle: operation, orientation: FETCH_NEXT, maxRows: 3 },
        peer,
      )
      expect(next.results?.startRowOffset).toBe(3n)
      expect(ids(next.results)).toEqual([3, 4, 5])
      const prior = await harness.call(
        'FetchResults',
        { operationHandle: operation, orientation: FETCH_PRIOR, maxRows: 3 },
        peer,
      )
      expect(ids(prior.results)).toEqual([0, 1, 2])
    },
  )

  it('refuses an orientation number that is no TFetchOrientation with HY106', async () => {
    const { harness, peer, operation } = await rangeOperation(10)
    const response = await harness.call(
      'FetchResults',
      { operationHandle: operation, orientation: 9 as TFetchOrientation, maxRows: 3 },
      peer,
    )
    expect(response.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: 'HY106' })
    expect(response.status.errorMessage).toContain('orientation 9 is no TFetchOrientation')
  })

  it('bounds maxRows by maxFetchRows and refuses 0 and negatives, the cursor unmoved', async () => {
    const harness = await startService({}, { maxFetchRows: 5 })
    const peer = binaryPeer('alice')
    const session = await harness.open(peer)
    const operation = await harness.execute(session, 'range 10', peer)
    const fetch = (maxRows: bigint) =>
      harness.call('FetchResults', { operationHandle: operation, orientation: FETCH_NEXT, maxRows }, peer)
    const above = await fetch(6n)
    expect(above.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: 'HY024' })
    expect(above.status.errorMessage).toContain("maxRows 6 is above this server's limit of 5 rows per fetch")
    for (const maxRows of [0n, -1n, -(2n ** 63n)]) {
      const refused = await fetch(maxRows)
      expect(refused.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: 'HY024' })
      expect(refused.status.errorMessage).toContain(
        `maxRows must be at least 1 (and at most 5), got ${maxRows}`,
      )
    }
    const ok = await fetch(5n)
    expect(ok.results?.startRowOffset).toBe(0n)
    expect(ids(ok.results)).toEqual([0, 1, 2, 3, 4])
  })

  it('checks the handle before the arguments: a closed operation reads not found whatever was asked', async () => {
    const { harness, peer, operation } = await rangeOperation(10)
    await harness.call('CloseOperation', { operationHandle: operation }, peer)
    const response = await harness.call(
      'FetchResults',
      { operationHandle: operation, orientation: FETCH_ABSOLUTE, maxRows: 0 },
      peer,
    )
    expect(response.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: '24000' })
  })

  it('answers a fetch of a still-running operation with HY010', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const session = await harness.open(peer)
    const operation = await harness.execute(session, 'sleep', peer, true)
    const response = await harness.call(
      'FetchResults',
      { operationHandle: operation, orientation: FETCH_NEXT, maxRows: 10 },
      peer,
    )
    expect(response.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: 'HY010' })
  })

  it('answers fetchType 1 (the log) with an empty log in Hive’s shape: one STRING column', async () => {
    const { harness, peer, operation } = await rangeOperation(10)
    const response = await harness.call(
      'FetchResults',
      { operationHandle: operation, orientation: FETCH_FIRST, maxRows: 100, fetchType: 1 },
      peer,
    )
    expect(response.status.statusCode).toBe(TStatusCode.SUCCESS_STATUS)
    expect(response.hasMoreRows).toBe(false)
    expect(response.results?.startRowOffset).toBe(0n)
    expect(response.results?.rows).toEqual([])
    expect(response.results?.columns).toEqual([{ stringVal: { values: [], nulls: Buffer.alloc(0) } }])
    // The result's cursor did not move.
    const first = await harness.call(
      'FetchResults',
      { operationHandle: operation, orientation: FETCH_NEXT, maxRows: 2 },
      peer,
    )
    expect(ids(first.results)).toEqual([0, 1])
  })

  it('refuses a fetchType that is neither 0 nor 1', async () => {
    const { harness, peer, operation } = await rangeOperation(10)
    const response = await harness.call(
      'FetchResults',
      { operationHandle: operation, orientation: FETCH_NEXT, maxRows: 10, fetchType: 2 },
      peer,
    )
    expect(response.status).toMatchObject({ statusCode: TStatusCode.ERROR_STATUS, sqlState: 'HY024' })
  })

  it('serves FETCH_LAST', async () => {
    const { harness, peer, operation } = await rangeOperation(10)
    const response = await harness.call(
      'FetchResults',
      { operationHandle: operation, orientation: FETCH_LAST, maxRows: 4 },
      peer,
    )
    expect(response.results?.startRowOffset).toBe(6n)
    expect(ids(response.results)).toEqual([6, 7, 8, 9])
    expect(response.hasMoreRows).toBe(false)
  })
})

describe('FetchResults row sets', () => {
  it('sends V6+ sessions a columnar TRowSet: one TColumn per column, NULLs in Hive’s bitmap, values defaulted', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const session = await harness.open(peer, TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V6)
    const operation = await harness.execute(session, 'types', peer)
    const response = await harness.call(
      'FetchResults',
      { operationHandle: operation, orientation: FETCH_NEXT, maxRows: 10 },
      peer,
    )
    const results = response.results
    expect(results?.rows).toEqual([])
    // Row 1 (the middle one) is NULL everywhere: bit 1 of byte 0.
    const nulls = Buffer.from([0b010])
    expect(results?.columns).toEqual([
      { boolVal: { values: [true, false, false], nulls } },
      { byteVal: { values: [-3, 0, 127], nulls } },
      { i16Val: { values: [300, 0, -32768], nulls } },
      { i32Val: { values: [70_000, 0, -1], nulls } },
      { i64Val: { values: [9007199254740993n, 0n, -5n], nulls } },
      { doubleVal: { values: [0.5, 0, Number.NaN], nulls } },
      { stringVal: { values: ['ünïcödé', '', ''], nulls } },
      { stringVal: { values: ['12.50', '', '0.01'], nulls } },
      { stringVal: { values: ['2026-11-20', '', '1970-01-01'], nulls } },
      { binaryVal: { values: [Buffer.from([1, 2]), Buffer.alloc(0), Buffer.alloc(0)], nulls } },
    ])
    expect(TYPES_ROWS).toHaveLength(3)
  })

  it('sets bit i of byte i/8, least significant first, and cuts the bitmap after its last NULL (Java’s BitSet)', async () => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const session = await harness.open(peer)
    // `pairs N`: every third name (rows 2, 5, 8, …) is NULL; ids never.
    const operation = await harness.execute(session, 'pairs 12', peer)
    const response = await harness.call(
      'FetchResults',
      { operationHandle: operation, orientation: FETCH_NEXT, maxRows: 12 },
      peer,
    )
    const [id, name] = response.results?.columns ?? []
    expect(id?.i64Val?.nulls).toEqual(Buffer.alloc(0))
    // Rows 2 and 5 in byte 0 (0b0010_0100), row 8 and 11 in byte 1 (0b0000_1001).
    expect(name?.stringVal?.nulls).toEqual(Buffer.from([0b0010_0100, 0b0000_1001]))
    expect(name?.stringVal?.values.slice(0, 4)).toEqual(['name-0', 'name-1', '', 'name-3'])
    const tail = await harness.call(
      'FetchResults',
      { operationHandle: operation, orientation: FETCH_PRIOR, maxRows: 2 },
      peer,
    )
    expect(tail.results?.startRowOffset).toBe(0n)
    expect(tail.results?.columns?.[1]?.stringVal?.nulls).toEqual(Buffer.alloc(0))
  })

  it.each([
    ['V1', TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V1],
    ['V5', TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V5],
  ])('sends %s sessions a row-based TRowSet, NULL as a value left unset', async (_name, protocol) => {
    const harness = await startService()
    const peer = binaryPeer('alice')
    const session = await harness.open(peer, protocol)
    const operation = await harness.execute(session, 'types', peer)
    const response = await harness.call(
      'FetchResults',
      { operationHandle: operation, orientation: FETCH_NEXT, maxRows: 2 },
      peer,
    )
    expect(response.results?.columns).toBeUndefined()
    expect(response.results?.startRowOffset).toBe(0n)
    expect(response.results?.rows).toEqual([
      {
        colVals: [
          { boolVal: { value: true } },
          { byteVal: { value: -3 } },
          { i16Val: { value: 300 } },
          { i32Val: { value: 70_000 } },
          { i64Val: { value: 9007199254740993n } },
          { doubleVal: { value: 0.5 } },
          { stringVal: { value: 'ünïcödé' } },
          { stringVal: { value: '12.50' } },
          { stringVal: { value: '2026-11-20' } },
          { stringVal: { value: '\u0001\u0002' } },
        ],
      },
      {
        colVals: [
          { boolVal: {} },
          { byteVal: {} },
          { i16Val: {} },
          { i32Val: {} },
          { i64Val: {} },
          { doubleVal: {} },
          { stringVal: {} },
          { stringVal: {} },
          { stringVal: {} },
          { stringVal: {} },
        ],
      },
    ])
    expect(response.hasMoreRows).toBe(true)
  })
})
