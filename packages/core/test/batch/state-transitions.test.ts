import { describe, expect, it } from 'vitest'
import { BatchState } from '@batchgate/core'
import { assertTransition, canTransition } from '../../src/batch/state-transitions.js'

const ALL = Object.values(BatchState)

describe('the batch life cycle', () => {
  it.each([
    ['PENDING', 'RUNNING'],
    ['PENDING', 'CANCELED'],
    ['PENDING', 'ERROR'],
    ['RUNNING', 'FINISHED'],
    ['RUNNING', 'ERROR'],
    ['RUNNING', 'CANCELED'],
  ] as const)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true)
    expect(() => {
      assertTransition(from, to)
    }).not.toThrow()
  })

  it('allows nothing else, and says so with ILLEGAL_STATE_TRANSITION', () => {
    const allowed = new Set([
      'PENDING>RUNNING',
      'PENDING>CANCELED',
      'PENDING>ERROR',
      'RUNNING>FINISHED',
      'RUNNING>ERROR',
      'RUNNING>CANCELED',
    ])
    for (const from of ALL) {
      for (const to of ALL) {
        if (allowed.has(`${from}>${to}`)) continue
        expect(canTransition(from, to), `${from} → ${to}`).toBe(false)
        expect(() => {
          assertTransition(from, to)
        }).toThrow(
          expect.objectContaining({
            code: 'ILLEGAL_STATE_TRANSITION',
            message: `a batch cannot go from ${from} to ${to}`,
          }),
        )
      }
    }
  })

  it('checks every expected state of a multi-state change', () => {
    expect(() => {
      assertTransition(['PENDING', 'RUNNING'], 'CANCELED')
    }).not.toThrow()
    expect(() => {
      assertTransition(['RUNNING', 'FINISHED'], 'CANCELED')
    }).toThrow(expect.objectContaining({ code: 'ILLEGAL_STATE_TRANSITION' }))
  })
})
