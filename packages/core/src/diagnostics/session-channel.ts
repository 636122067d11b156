import { channel, type Channel } from 'node:diagnostics_channel'

/** The message of {@link sessionChannel}: a session opened or closed on this instance. */
export interface SessionEventMessage {
  readonly event: 'opened' | 'closed'
  readonly instanceId: string
  /** The session's handle. */
  readonly sessionId: string
  /** The user the session runs as (the proxy user when an admin opened it for one), as `SessionInfo.user`. */
  readonly user: string
  /**
   * `closed`: why (`client` for a close call, `idle` for its idle timeout, `engine` when the engine
   * closed); published once its operations are closed.
   */
  readonly reason?: 'client' | 'idle' | 'engine' | undefined
}

/**
 * `batchgate:session`: published when a session opens and when it closes. Public API.
 *
 * @example
 * ```ts
 * import { sessionChannel } from '@batchgate/core/diagnostics'
 * sessionChannel.subscribe((message) => console.log((message as SessionEventMessage).event))
 * ```
 */
export const sessionChannel: Channel = channel('batchgate:session')
