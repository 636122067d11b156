import { batchToRow, decodeBatchRow } from '@batchgate/sql-store'
import { rawBatchFromRow } from '@batchgate/sql-store/testing'
import { sampleRecord } from '@batchgate/testkit'
import { describe, expect, it } from 'vitest'

describe('rawBatchFromRow', () => {
  it('maps a stored row to the record it holds, and leaves out columns a dialect adds', () => {
    const record = sampleRecord({
      conf: { 'spark.master': 'yarn' },
      args: ['--day', '2026-11-20'],
      ownerInstance: 'gw-2',
      ownerToken: 'token-2',
      priority: 7,
    })
    const stored = { ...batchToRow(record), queued_at: 5, insert_token: '0'.repeat(32), state_token: null }
    expect(rawBatchFromRow(stored)).toEqual(record)
  })

  it('reports what is stored even where the store’s decode path refuses the row (it is an independent check)', () => {
    const row = { ...batchToRow(sampleRecord()), queued_at: 5, state: 'LOST' }
    expect(decodeBatchRow(row)).toMatchObject({ unreadable: true })
    expect(rawBatchFromRow(row)).toMatchObject({ id: row.id, state: 'LOST' })
  })
})
