/// <reference types="node" preserve="true" />
// (Kept in the emitted .d.ts: its declarations use Node's global types, for consumers with "types": [].)
import { spawn } from 'node:child_process'
import type { Batch, BatchLauncher, LaunchContext } from '@batchgate/core'
import { isProcessRunning } from './process-alive.js'
import { readWorkLog } from './work-log.js'
import { workCommand } from './work-script.js'

/** The conf key a submission sets to choose how long its work runs (ms), instead of the default. */
export const WORK_MS_CONF = 'batchgate.test.work.ms'

/** What the work launcher tells its host, as it happens (the failover worker forwards these). */
export interface WorkLauncherEvent {
  readonly kind: 'launched' | 'aborted' | 'recovering'
  readonly batchId: string
  /** The work process (`launched`, `aborted`; `recovering` once its launch line is found). */
  readonly pid: number | undefined
}

/** Options of {@link workLauncher}. */
export interface WorkLauncherOptions {
  /** The external log the work processes append to (O_APPEND). */
  readonly logPath: string
  /** This engine's instance id, written in the work's lines. */
  readonly instanceId: string
  /** How long one batch's work runs unless its conf says ({@link WORK_MS_CONF}); default 2000 ms. */
  readonly workMs?: number
  /**
   * How long `recover` waits for a batch's `launch` line before it concludes that no work was ever
   * started (its owner died between the claim and the start); default 2000 ms.
   */
  readonly launchLineGraceMs?: number
  /** How often `recover` reads the log and checks the work process; default 100 ms. */
  readonly pollMs?: number
  readonly onEvent?: (event: WorkLauncherEvent) => void
}

/**
 * A launcher whose work is a real OS process: it appends `launch <batchId> <instanceId> <pid>` to the
 * external log, sleeps, appends `end …` and exits (`killed …` on SIGTERM). `launch` reports the
 * application (`appId` `<instanceId>/<pid>`) and settles with the process; an abort (cancel, lost lease)
 * kills it. `recover` (an adopted or restarted RUNNING batch) re-attaches by watching the log for that
 * batch's `end` line and its process: it never starts the work again.
 *
 * @example
 * ```ts
 * const launcher = workLauncher({ logPath: '/tmp/work.log', instanceId: 'gw-1', workMs: 3000 })
 * const engine = await createEngine({ store, instanceId: 'gw-1', launchers: { WORK: launcher } })
 * ```
 */
export function workLauncher(options: WorkLauncherOptions): BatchLauncher {
  const { logPath, instanceId } = options
  const tell = options.onEvent ?? (() => undefined)
  return {
    launch: (batch, context) =>
      new Promise<void>((resolve, reject) => {
        const workMs = Number(batch.conf[WORK_MS_CONF] ?? options.workMs ?? 2000)
        const [command, args] = workCommand(logPath, batch.id, instanceId, workMs)
        const child = spawn(command, args, { stdio: 'ignore' })
        const pid = child.pid
        let aborted = false
        const abort = (): void => {
          aborted = true
          tell({ kind: 'aborted', batchId: batch.id, pid })
          child.kill('SIGTERM')
        }
        child.once('error', reject)
        child.once('exit', (code, signal) => {
          context.signal.removeEventListener('abort', abort)
          if (code === 0 && !aborted) resolve()
          else
            reject(
              new Error(
                `work of ${batch.id} on ${instanceId} (pid ${String(pid)}) ${
                  aborted ? 'aborted' : `exited with ${signal ?? String(code)}`
                }`,
              ),
            )
        })
        if (pid === undefined) return
        tell({ kind: 'launched', batchId: batch.id, pid })
        if (context.signal.aborted) abort()
        else context.signal.addEventListener('abort', abort, { once: true })
        // The report is a fenced write of this owner's; its answer does not change the work's outcome.
        context.reportApplication({ appId: `${instanceId}/${pid}`, appState: 'RUNNING' }).catch(() => false)
      }),
    recover: (batch, context) => watchWork(batch, context, options, tell),
  }
}

/** `recover`: settles when the batch's work ends (`end` line), was killed, or never started. */
async function watchWork(
  batch: Batch,
  context: LaunchContext,
  options: WorkLauncherOptions,
  tell: (event: WorkLauncherEvent) => void,
): Promise<void> {
  const { instanceId } = options
  const pollMs = options.pollMs ?? 100
  const graceMs = options.launchLineGraceMs ?? 2000
  const started = performance.now()
  let announced = false
  // Messages name the recovering instance only: the audit tells writers apart by these texts.
  const failure = (what: string): Error =>
    new Error(`recovered on ${instanceId}: the work of ${batch.id} ${what}`)
  for (;;) {
    const lines = readWorkLog(options.logPath).filter((entry) => entry.batchId === batch.id)
    const launch = lines.findLast((entry) => entry.event === 'launch')
    if (!announced && (launch !== undefined || performance.now() - started > graceMs)) {
      announced = true
      tell({ kind: 'recovering', batchId: batch.id, pid: launch?.pid })
    }
    const outcome = outcomeOf(options.logPath, batch.id)
    if (outcome?.ended === true) return
    if (outcome !== undefined) throw failure(outcome.why)
    if (launch === undefined && performance.now() - started > graceMs) throw failure('was never started')
    if (context.signal.aborted) {
      if (launch !== undefined) process.kill(launch.pid, 'SIGTERM')
      throw failure('was cancelled')
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs))
  }
}

/**
 * What the log and the process say of the work: ended, why it is gone otherwise, or undefined while
 * it runs (or has not written its launch line yet).
 */
function outcomeOf(
  path: string,
  batchId: string,
): { readonly ended: true } | { readonly ended: false; readonly why: string } | undefined {
  const lines = readWorkLog(path).filter((entry) => entry.batchId === batchId)
  if (lines.some((entry) => entry.event === 'end')) return { ended: true }
  const killed = lines.find((entry) => entry.event === 'killed')
  if (killed !== undefined) return { ended: false, why: `was killed (${killed.detail ?? 'signal'})` }
  const launch = lines.findLast((entry) => entry.event === 'launch')
  if (launch === undefined || isProcessRunning(launch.pid)) return undefined
  // Gone: it may have written its end line between the read above and its exit.
  const last = readWorkLog(path).filter((entry) => entry.batchId === batchId)
  return last.some((entry) => entry.event === 'end')
    ? { ended: true }
    : { ended: false, why: `(pid ${launch.pid}) is gone without its end line` }
}
