import { tracingChannel, type TracingChannel } from 'node:diagnostics_channel'

/** `launch`: a launcher's `launch` for a batch this instance claimed; `recover`: its `recover` for one taken over. */
export type LaunchMode = 'launch' | 'recover'

/**
 * How the launcher call ended: it resolved (`finished`), it rejected or threw (`failed`), it settled
 * (resolved or rejected) after the batch was cancelled (`canceled`: its signal was aborted by the
 * cancel), or after the batch was taken over by another instance (`fenced`: nothing was recorded; it
 * wins over `canceled`, since the hand-over aborts the signal too).
 */
export type LaunchOutcome = 'finished' | 'failed' | 'canceled' | 'fenced'

/** The message of one launcher call on {@link launchChannel}, from the call to its settling. */
export interface LaunchMessage {
  readonly instanceId: string
  readonly batchId: string
  readonly batchType: string
  readonly mode: LaunchMode
  /** Set before `asyncEnd` or `error` (a cancelled or taken-over launcher that rejected publishes `error` too). */
  outcome: LaunchOutcome | undefined
  /** Set by Node's tracing channel on `error` (the launcher's rejection). */
  error?: unknown
  result?: unknown
}

/**
 * `batchgate:launch`: a tracing channel around every launcher call (`launch` or `recover`), from the
 * call until the launcher settles. Public API.
 *
 * @example
 * ```ts
 * import { launchChannel } from '@batchgate/core/diagnostics'
 * launchChannel.asyncEnd.subscribe((launch) => console.log(launch.batchId, launch.outcome))
 * ```
 */
export const launchChannel: TracingChannel<unknown, LaunchMessage> = tracingChannel('batchgate:launch')
