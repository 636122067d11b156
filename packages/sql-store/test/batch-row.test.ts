import { describe, expect, it } from 'vitest'
import type { BatchRecord } from '@batchgate/core/store'
import { batchFromRow, batchToRow, type BatchRow } from '@batchgate/sql-store'

const record: BatchRecord = {
  id: '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69',
  owner: 'alice',
  batchType: 'SPARK',
  resource: 'a.jar',
  className: null,
  name: 'n',
  conf: { 'spark.executor.memory': '4g' },
  args: ['--day', '2026-11-20'],
  fingerprint: 'sha256:00',
  state: 'PENDING',
  createTime: 1_700_000_000_000,
  startTime: null,
  endTime: null,
  diagnostic: null,
  createdBy: 'gw-1',
  appId: null,
  appUrl: null,
  appState: null,
  appDiagnostic: null,
  appStartTime: null,
  ownerInstance: 'gw-1',
  ownerToken: null,
  priority: 10,
}

/** The row as stored: the insert's values and the `queued_at` its statement wrote. */
const stored = (from: BatchRecord): BatchRow => ({ ...batchToRow(from), queued_at: 1_700_000_000_123 })

describe('batch rows', () => {
  it('read back exactly the record that was written', () => {
    expect(batchFromRow(stored(record))).toEqual(record)
  })

  it('round-trip the owner, its lease token and the priority', () => {
    const owned = { ...record, ownerInstance: 'gw-2', ownerToken: 'token-2', priority: -3 }
    expect(batchToRow(owned)).toMatchObject({ owner_instance: 'gw-2', owner_token: 'token-2', priority: -3 })
    expect(batchFromRow(stored(owned))).toEqual(owned)
    const queued = { ...record, ownerInstance: null, ownerToken: null, priority: 2_147_483_647 }
    expect(batchFromRow(stored(queued))).toEqual(queued)
  })

  it.each<[string, Partial<BatchRow>, RegExp]>([
    ['broken conf JSON', { conf: '{"a":' }, /unreadable conf JSON/],
    ['conf that is a list', { conf: '["a"]' }, /conf that is not an object of strings/],
    ['conf that is null', { conf: 'null' }, /conf that is not an object of strings/],
    ['a conf value that is a number', { conf: '{"a":1}' }, /conf that is not an object of strings/],
    ['args that are an object', { args: '{"0":"a"}' }, /args that are not a list of strings/],
    ['an arg that is null', { args: '["a",null]' }, /args that are not a list of strings/],
    ['an unknown state', { state: 'PAUSED' }, /unknown state "PAUSED"/],
  ])('refuse a row with %s as METASTORE_UNAVAILABLE naming the batch', (_what, change, message) => {
    const read = (): BatchRecord => batchFromRow({ ...stored(record), ...change })
    expect(read).toThrow(expect.objectContaining({ code: 'METASTORE_UNAVAILABLE' }))
    expect(read).toThrow(message)
    expect(read).toThrow(record.id)
  })
})
