import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BatchState, type Batch, type LaunchContext } from '@batchgate/core'
import { afterEach, describe, expect, it } from 'vitest'
import { isProcessRunning } from '../../src/failover/process-alive.js'
import { readWorkLog } from '../../src/failover/work-log.js'
import { WORK_MS_CONF, workLauncher, type WorkLauncherEvent } from '../../src/failover/work-launcher.js'
import { waitUntil } from '../../src/harness/wait-until.js'

const folders: string[] = []
const pids: number[] = []
afterEach(() => {
  for (const pid of pids.splice(0)) if (isProcessRunning(pid)) process.kill(pid, 'SIGKILL')
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})
function freshLog(): string {
  const folder = mkdtempSync(join(tmpdir(), 'batchgate-work-launcher-'))
  folders.push(folder)
  return join(folder, 'work.log')
}

function batch(id: string, workMs: number): Batch {
  return {
    id,
    user: 'failover',
    batchType: 'WORK',
    resource: 'failover-work.js',
    className: undefined,
    name: undefined,
    conf: { [WORK_MS_CONF]: String(workMs) },
    args: [],
    state: BatchState.RUNNING,
    createTime: 1,
    startTime: 2,
    endTime: undefined,
    diagnostic: undefined,
    createdBy: 'fo-0',
    ownerInstance: 'fo-0',
    appId: undefined,
    appUrl: undefined,
    appState: undefined,
    appDiagnostic: undefined,
    appStartTime: undefined,
    batchInfo: {},
  }
}

function context(signal = new AbortController().signal): LaunchContext & { reports: unknown[] } {
  const reports: unknown[] = []
  return {
    signal,
    reports,
    reportApplication: (info) => {
      reports.push(info)
      return Promise.resolve(true)
    },
    log: () => undefined,
  }
}

describe('the work launcher', () => {
  it('runs the work as a process that logs its launch and end, and reports it as the application', async () => {
    const path = freshLog()
    const events: WorkLauncherEvent[] = []
    const launcher = workLauncher({
      logPath: path,
      instanceId: 'fo-0',
      onEvent: (event) => events.push(event),
    })
    const launching = context()
    await launcher.launch(batch('b1', 200), launching)
    const log = readWorkLog(path)
    expect(log.map((entry) => [entry.event, entry.batchId, entry.instanceId])).toEqual([
      ['launch', 'b1', 'fo-0'],
      ['end', 'b1', 'fo-0'],
    ])
    const pid = log[0]?.pid
    expect(launching.reports).toEqual([{ appId: `fo-0/${String(pid)}`, appState: 'RUNNING' }])
    expect(events).toEqual([{ kind: 'launched', batchId: 'b1', pid }])
  })

  it('kills the work when the launch is aborted, and rejects', async () => {
    const path = freshLog()
    const launcher = workLauncher({ logPath: path, instanceId: 'fo-0' })
    const abort = new AbortController()
    const launching = launcher.launch(batch('b1', 30_000), context(abort.signal))
    await waitUntil(() => readWorkLog(path).length === 1, 10_000, 'the launch line')
    const pid = readWorkLog(path)[0]?.pid ?? -1
    pids.push(pid)
    launching.catch(() => undefined)
    abort.abort()
    await expect(launching).rejects.toThrow(`work of b1 on fo-0 (pid ${pid}) aborted`)
    expect(readWorkLog(path).map((entry) => [entry.event, entry.detail])).toEqual([
      ['launch', undefined],
      ['killed', 'SIGTERM'],
    ])
    expect(isProcessRunning(pid)).toBe(false)
  })

  it('fails a launch whose work process was killed from outside', async () => {
    const path = freshLog()
    const launching = workLauncher({ logPath: path, instanceId: 'fo-0' }).launch(
      batch('b1', 30_000),
      context(),
    )
    await waitUntil(() => readWorkLog(path).length === 1, 10_000, 'the launch line')
    launching.catch(() => undefined)
    process.kill(readWorkLog(path)[0]?.pid ?? -1, 'SIGKILL')
    await expect(launching).rejects.toThrow(/exited with SIGKILL/)
  })

  it("recovers another instance's running work by watching for its end line, never starting it again", async () => {
    const path = freshLog()
    const launching = workLauncher({ logPath: path, instanceId: 'fo-0' }).launch(batch('b1', 1500), context())
    await waitUntil(() => readWorkLog(path).length === 1, 10_000, 'the launch line')
    const events: WorkLauncherEvent[] = []
    const adopter = workLauncher({
      logPath: path,
      instanceId: 'fo-1',
      onEvent: (event) => events.push(event),
    })
    await adopter.recover?.(batch('b1', 1500), context())
    await launching
    expect(readWorkLog(path).map((entry) => entry.event)).toEqual(['launch', 'end'])
    expect(events).toEqual([{ kind: 'recovering', batchId: 'b1', pid: readWorkLog(path)[0]?.pid }])
  })

  it('fails a recovery whose work is killed, is gone without an end line, or never started', async () => {
    const path = freshLog()
    const adopter = workLauncher({ logPath: path, instanceId: 'fo-1', launchLineGraceMs: 300 })
    // Never started: no launch line within the grace.
    await expect(adopter.recover?.(batch('b0', 0), context())).rejects.toThrow(
      'recovered on fo-1: the work of b0 was never started',
    )
    // Killed by its launcher (SIGTERM): the work logged it.
    const abort = new AbortController()
    const launching = workLauncher({ logPath: path, instanceId: 'fo-0' }).launch(
      batch('b1', 30_000),
      context(abort.signal),
    )
    await waitUntil(() => readWorkLog(path).length === 1, 10_000, 'the launch line')
    launching.catch(() => undefined)
    const recovering = adopter.recover?.(batch('b1', 0), context())
    abort.abort()
    await expect(recovering).rejects.toThrow('recovered on fo-1: the work of b1 was killed (SIGTERM)')
    await expect(launching).rejects.toThrow(/aborted/)
    // Gone without a word (SIGKILL).
    const killed = workLauncher({ logPath: path, instanceId: 'fo-0' }).launch(batch('b2', 30_000), context())
    await waitUntil(
      () => readWorkLog(path).some((entry) => entry.batchId === 'b2'),
      10_000,
      'the launch line',
    )
    const pid = readWorkLog(path).find((entry) => entry.batchId === 'b2')?.pid ?? -1
    killed.catch(() => undefined)
    const watching = adopter.recover?.(batch('b2', 0), context())
    process.kill(pid, 'SIGKILL')
    await expect(watching).rejects.toThrow(
      `recovered on fo-1: the work of b2 (pid ${pid}) is gone without its end line`,
    )
    await expect(killed).rejects.toThrow(/SIGKILL/)
  })

  it('kills the work it recovered when the batch is cancelled', async () => {
    const path = freshLog()
    const launching = workLauncher({ logPath: path, instanceId: 'fo-0' }).launch(
      batch('b1', 30_000),
      context(),
    )
    await waitUntil(() => readWorkLog(path).length === 1, 10_000, 'the launch line')
    launching.catch(() => undefined)
    const cancel = new AbortController()
    const recovering = workLauncher({ logPath: path, instanceId: 'fo-1' }).recover?.(
      batch('b1', 0),
      context(cancel.signal),
    )
    cancel.abort()
    await expect(recovering).rejects.toThrow('recovered on fo-1: the work of b1 was cancelled')
    await expect(launching).rejects.toThrow(/exited with 143/)
    expect(readWorkLog(path).map((entry) => entry.event)).toEqual(['launch', 'killed'])
  })
})
