import { describe, expect, it } from 'vitest'
import { MemoryBatchLogStore } from '@batchgate/core/di'

const numbered = (from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, i) => `line ${from + i}`)

describe('MemoryBatchLogStore', () => {
  it('keeps the newest maxLines lines per batch after a marker, and at most maxBatches logs', async () => {
    const logs = new MemoryBatchLogStore({
      directory: undefined,
      shared: false,
      maxLines: 5,
      maxLineBytes: 64,
      maxBatches: 2,
    })
    for (let i = 0; i < 1000; i++) logs.append('a', `line ${i}`)
    expect(await logs.read('a', 0, 10)).toEqual({
      lines: ['... 995 earlier lines dropped ...', ...numbered(995, 1000)],
      from: 994,
      total: 1000,
    })
    logs.append('b', 'b')
    logs.append('a', 'line 1000')
    // 'b' was written less recently than 'a': a third log evicts it.
    logs.append('c', 'c')
    expect((await logs.ids()).sort()).toEqual(['a', 'c'])
    expect(await logs.read('b', 0, 10)).toEqual({ lines: [], from: 0, total: 0 })
    expect((await logs.read('a', 996, 10)).lines).toEqual(numbered(996, 1001))
    await logs.remove('a')
    expect(await logs.ids()).toEqual(['c'])
  })
})
