import { describe, expect, it } from 'vitest'
import { adoptionsFrom, fencingViolations, type AuditedChange } from '../../src/failover/batch-audit.js'
import { priorityInversions } from '../../src/failover/priority-order.js'

let seq = 0
function change(fields: Partial<AuditedChange>): AuditedChange {
  seq += 1
  return {
    seq,
    batchId: 'b1',
    op: 'update',
    oldState: 'RUNNING',
    newState: 'RUNNING',
    oldOwnerInstance: 'fo-0',
    newOwnerInstance: 'fo-0',
    oldOwnerToken: 't0',
    newOwnerToken: 't0',
    diagnostic: null,
    appId: 'fo-0/41',
    appState: 'RUNNING',
    at: seq,
    ...fields,
  }
}

/** b1 launched by fo-0 (token t0), then adopted by fo-1 (token t1). */
function adopted(): AuditedChange[] {
  return [
    change({
      op: 'insert',
      oldState: null,
      newState: 'PENDING',
      oldOwnerInstance: null,
      oldOwnerToken: null,
      appId: null,
    }),
    change({ oldState: 'PENDING', appId: null }),
    change({}),
    change({ newOwnerInstance: 'fo-1', newOwnerToken: 't1' }),
  ]
}
const byAdopter = {
  oldOwnerInstance: 'fo-1',
  newOwnerInstance: 'fo-1',
  oldOwnerToken: 't1',
  newOwnerToken: 't1',
}

describe('the audit analysis', () => {
  it('finds the adoption: the change that moved the owner away from the lost instance', () => {
    const changes = adopted()
    expect(adoptionsFrom(changes, 'fo-0')).toEqual([{ batchId: 'b1', change: changes[3] }])
    expect(adoptionsFrom(changes, 'fo-1')).toEqual([])
  })

  it("accepts the adopter's writes after the adoption, with the lost instance's appId kept", () => {
    const changes = [...adopted(), change({ ...byAdopter, newState: 'FINISHED' })]
    expect(fencingViolations(changes, 'fo-0')).toEqual([])
  })

  it('catches a write after the adoption under another owner token', () => {
    const changes = adopted()
    const stale = change({ ...byAdopter, newOwnerInstance: 'fo-0', newOwnerToken: 't0' })
    expect(fencingViolations([...changes, stale], 'fo-0')).toEqual([
      { batchId: 'b1', change: stale, why: 'owner fo-0/t0 after the adoption by fo-1/t1' },
    ])
  })

  it("catches an unfenced write of the lost instance's: the adopter's token kept, its text brought in", () => {
    const changes = adopted()
    const unfenced = change({
      ...byAdopter,
      newState: 'ERROR',
      diagnostic: 'work of b1 on fo-0 (pid 41) aborted',
    })
    expect(fencingViolations([...changes, unfenced], 'fo-0')).toEqual([
      {
        batchId: 'b1',
        change: unfenced,
        why: 'diagnostic written as "work of b1 on fo-0 (pid 41) aborted", naming fo-0',
      },
    ])
    const again = adopted()
    const report = change({ ...byAdopter, appId: 'fo-0/99' })
    expect(fencingViolations([...again, report], 'fo-0').map((violation) => violation.why)).toEqual([
      'appId written as "fo-0/99", naming fo-0',
    ])
  })
})

describe('priorityInversions', () => {
  const row = (id: string, priority: number, createTime: number, startTime: number | null) => ({
    id,
    priority,
    createTime,
    startTime,
  })

  it('accepts priorities served in order, and inversions within the window of concurrent claims', () => {
    const rows = [
      row('a', 20, 0, 10),
      row('b', 10, 0, 11),
      row('c', 20, 0, 12),
      row('d', 1, 0, 13),
      row('e', 10, 0, 14),
    ]
    expect(priorityInversions(rows, 3)).toEqual([])
  })

  it('reports a lower priority started more than the window ahead of a higher one already waiting', () => {
    const rows = [row('low', 1, 0, 10), row('x', 5, 0, 11), row('y', 5, 0, 12), row('high', 20, 0, 13)]
    expect(priorityInversions(rows, 3)).toEqual([{ started: rows[0], passedOver: rows[3], distance: 3 }])
    expect(priorityInversions(rows, 4)).toEqual([])
  })

  it('ignores a higher priority submitted after the lower one started, and rows never started', () => {
    const rows = [
      row('low', 1, 0, 10),
      row('x', 1, 0, 11),
      row('high', 20, 12, 13),
      row('never', 50, 0, null),
    ]
    expect(priorityInversions(rows, 1)).toEqual([])
  })
})
