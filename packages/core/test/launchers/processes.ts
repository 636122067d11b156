import { readFileSync } from 'node:fs'
import { BatchState, type Batch } from '@batchgate/core'

/** A RUNNING batch, as a launcher receives it. */
export function runningBatch(fields: Partial<Batch> = {}): Batch {
  return {
    id: '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69',
    user: 'alice',
    batchType: 'CMD',
    resource: 'job.js',
    className: undefined,
    name: undefined,
    conf: {},
    args: [],
    state: BatchState.RUNNING,
    createTime: 1,
    startTime: 2,
    endTime: undefined,
    diagnostic: undefined,
    createdBy: 'test',
    ownerInstance: 'test',
    appId: undefined,
    appUrl: undefined,
    appState: undefined,
    appDiagnostic: undefined,
    appStartTime: undefined,
    batchInfo: {},
    ...fields,
  }
}

/**
 * Whether `pid` is a live process. A zombie counts as gone: it has exited, and in a container whose
 * init does not reap orphans it may stay a zombie for good.
 */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

/**
 * Resolves once `pid` is gone; rejects after `withinMs`. An orphan killed with its group is reparented
 * and reaped by another process, so there may be a moment between its output closing and its exit.
 */
export async function gone(pid: number, withinMs = 2000): Promise<void> {
  const deadline = Date.now() + withinMs
  while (isRunning(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} is still running`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** A `ready <pid>` line's pid, or undefined for any other line. */
export function readyPid(line: string): number | undefined {
  const match = /^ready (\d+)$/.exec(line)
  return match?.[1] === undefined ? undefined : Number(match[1])
}
