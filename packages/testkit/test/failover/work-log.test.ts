import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { workCommand } from '../../src/failover/work-script.js'
import { appendWorkLine, parseWorkLine, readWorkLog } from '../../src/failover/work-log.js'
import { launchedTwice, summarizeWork } from '../../src/failover/work-summary.js'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})
function freshLog(): string {
  const folder = mkdtempSync(join(tmpdir(), 'batchgate-work-log-'))
  folders.push(folder)
  return join(folder, 'work.log')
}

describe('the external work log', () => {
  it(
    'keeps every line of 40 processes appending at once, none torn or lost',
    { timeout: 30_000 },
    async () => {
      const path = freshLog()
      const exits = Array.from({ length: 40 }, (_, index) => {
        const [command, args] = workCommand(path, `b${index}`, 'fo-x', 0)
        const child = spawn(command, args, { stdio: 'ignore' })
        return new Promise<number | null>((resolve) => child.once('exit', resolve))
      })
      expect(await Promise.all(exits)).toEqual(Array.from({ length: 40 }, () => 0))
      const work = summarizeWork(readWorkLog(path))
      expect(work).toHaveLength(40)
      for (const batch of work) {
        expect(batch.launches).toHaveLength(1)
        expect(batch.ends).toHaveLength(1)
        expect(batch.ends[0]?.pid).toBe(batch.launches[0]?.pid)
      }
      expect(launchedTwice(readWorkLog(path))).toEqual({})
    },
  )

  it('reads none before the first line, and leaves a line still being written for the next read', () => {
    const path = freshLog()
    expect(readWorkLog(path)).toEqual([])
    appendWorkLine(path, { event: 'launch', batchId: 'b1', instanceId: 'fo-0', pid: 42 })
    writeFileSync(path, 'end b1 fo-0', { flag: 'a' })
    expect(readWorkLog(path)).toEqual([
      { event: 'launch', batchId: 'b1', instanceId: 'fo-0', pid: 42, detail: undefined },
    ])
  })

  it('refuses a line of another format: something else wrote to the log', () => {
    expect(() => parseWorkLine('started b1 fo-0 42')).toThrow(/not a work log line/)
    expect(() => parseWorkLine('launch b1 fo-0 pid')).toThrow(/not a work log line/)
    expect(parseWorkLine('killed b1 fo-0 42 SIGTERM')).toMatchObject({ event: 'killed', detail: 'SIGTERM' })
  })

  it('counts a batch launched twice', () => {
    const path = freshLog()
    appendWorkLine(path, { event: 'launch', batchId: 'b1', instanceId: 'fo-0', pid: 1 })
    appendWorkLine(path, { event: 'launch', batchId: 'b2', instanceId: 'fo-0', pid: 2 })
    appendWorkLine(path, { event: 'launch', batchId: 'b1', instanceId: 'fo-1', pid: 3 })
    expect(launchedTwice(readWorkLog(path))).toEqual({ b1: 2 })
  })
})
