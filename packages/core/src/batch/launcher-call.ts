import { launchChannel, type LaunchMessage, type LaunchOutcome } from '../diagnostics/launch-channel.js'
import type { AttendedLaunch } from './attended-launch.js'
import type { Batch } from './batch.js'
import type { LaunchContext } from './batch-launcher.js'

/** A launcher's `launch` or `recover`, bound to its launcher. */
export type LauncherMethod = (batch: Batch, context: LaunchContext) => Promise<void>

/**
 * Calls a launcher's method; a launcher throwing synchronously rejects like any other failure (the
 * batch ends ERROR either way).
 *
 * @example
 * ```ts
 * await callLauncher(launcher.launch.bind(launcher), batch, context)
 * ```
 */
export function callLauncher(method: LauncherMethod, batch: Batch, context: LaunchContext): Promise<void> {
  return Promise.resolve().then(() => method(batch, context))
}

/**
 * How a launcher call ended, judged when it settled: taken over by another instance (`fenced`: its
 * signal was aborted by the hand-over), else cancelled (`canceled`: its signal was aborted by a
 * cancel), else whether it rejected.
 *
 * @example
 * ```ts
 * launchOutcome(launch, true) // 'failed', unless the batch was cancelled or taken over meanwhile
 * ```
 */
export function launchOutcome(launch: AttendedLaunch, rejected: boolean): LaunchOutcome {
  if (launch.fenced) return 'fenced'
  if (launch.controller.signal.aborted) return 'canceled'
  return rejected ? 'failed' : 'finished'
}

/**
 * {@link callLauncher} inside the `batchgate:launch` tracing channel, the message's `outcome` set
 * before the watched promise settles. Call it only when `launchChannel.hasSubscribers`: the message and
 * the closures are built for the subscribers.
 *
 * @example
 * ```ts
 * if (launchChannel.hasSubscribers) await tracedLauncherCall(message, launch, () => callLauncher(m, batch, context))
 * ```
 */
export function tracedLauncherCall(
  message: LaunchMessage,
  launch: AttendedLaunch,
  call: () => Promise<void>,
): Promise<void> {
  return launchChannel.tracePromise(async () => {
    try {
      await call()
    } catch (error) {
      message.outcome = launchOutcome(launch, true)
      throw error
    }
    message.outcome = launchOutcome(launch, false)
  }, message)
}
