/**
 * Every channel's name, for a subscriber that goes by name (`diagnostics_channel.tracingChannel(name)`
 * for the tracing ones, `diagnostics_channel.channel(name)` for the others).
 *
 * @example
 * ```ts
 * import { tracingChannel } from 'node:diagnostics_channel'
 * tracingChannel(CHANNEL_NAMES.submit).asyncEnd.subscribe(console.log)
 * ```
 */
export const CHANNEL_NAMES = Object.freeze({
  /** Tracing channel: `engine.batches.submit`. */
  submit: 'batchgate:submit',
  /** Tracing channel: every metastore call. */
  metastore: 'batchgate:metastore',
  /** Tracing channel: every launcher call. */
  launch: 'batchgate:launch',
  /** Tracing channel: every fetch of an operation's rows. */
  fetch: 'batchgate:fetch',
  /** Tracing channel: every request to a wire front. */
  request: 'batchgate:request',
  /** Channel: sessions opened and closed. */
  session: 'batchgate:session',
  /** Channel: operations started, ended and closed. */
  operation: 'batchgate:operation',
  /** Channel: lease acquired, lost, and adoptions. */
  lease: 'batchgate:lease',
} as const)
