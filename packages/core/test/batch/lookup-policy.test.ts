import { describe, expect, it } from 'vitest'
import { LookupPolicy } from '../../src/batch/lookup-policy.js'

/** Records `count` outcomes and returns the decision taken before each of them. */
function decisions(policy: LookupPolicy, count: number, existed: boolean): boolean[] {
  return Array.from({ length: count }, () => {
    const readFirst = policy.readFirst()
    policy.recordOutcome(existed)
    return readFirst
  })
}

describe('LookupPolicy', () => {
  it('true and false are fixed whatever the traffic', () => {
    const always = new LookupPolicy(true)
    const never = new LookupPolicy(false)
    expect(decisions(always, 100, false).every(Boolean)).toBe(true)
    expect(decisions(never, 100, true).some(Boolean)).toBe(false)
  })

  it('adaptive starts by reading first and stops after a run of new ids', () => {
    const policy = new LookupPolicy('adaptive')
    const run = decisions(policy, 40, false)
    // (15/16)^n falls below 0.2 after 25 new ids.
    expect(run.slice(0, 25).every(Boolean)).toBe(true)
    expect(run.slice(25).some(Boolean)).toBe(false)
    expect(policy.duplicateShare).toBeLessThan(0.2)
  })

  it('adaptive reads first again within a few duplicates, and keeps doing so while they last', () => {
    const policy = new LookupPolicy('adaptive')
    decisions(policy, 200, false)
    expect(policy.readFirst()).toBe(false)
    const storm = decisions(policy, 50, true)
    expect(storm.slice(0, 4)).toEqual([false, false, false, false])
    expect(storm.slice(4).every(Boolean)).toBe(true)
  })

  it('adaptive settles on the side of the break-even share the traffic is on', () => {
    const mostlyNew = new LookupPolicy('adaptive')
    const oftenRetried = new LookupPolicy('adaptive')
    // 1 in 10 is a duplicate, then 1 in 3: the estimate follows, and so does the choice.
    const tenth = Array.from({ length: 400 }, (_, i) => {
      mostlyNew.recordOutcome(i % 10 === 0)
      return mostlyNew.readFirst()
    })
    const third = Array.from({ length: 400 }, (_, i) => {
      oftenRetried.recordOutcome(i % 3 === 0)
      return oftenRetried.readFirst()
    })
    expect(tenth.slice(100).some(Boolean)).toBe(false)
    expect(third.slice(100).every(Boolean)).toBe(true)
  })
})
