import { sessionChannel, type SessionEventMessage } from '../diagnostics/session-channel.js'
import type { OpenSession } from './open-session.js'

/** Why a session closed: a client's close, its idle timeout, or the engine closing. */
export type SessionCloseReason = NonNullable<SessionEventMessage['reason']>

/**
 * Publishes a session's `opened` or `closed` on `batchgate:session`, building the message only when
 * someone listens.
 *
 * @example
 * ```ts
 * publishSessionEvent(config.instanceId, session, 'closed', 'idle')
 * ```
 */
export function publishSessionEvent(
  instanceId: string,
  session: OpenSession,
  event: SessionEventMessage['event'],
  reason?: SessionCloseReason,
): void {
  if (!sessionChannel.hasSubscribers) return
  const message: SessionEventMessage = {
    event,
    instanceId,
    sessionId: session.handle,
    user: session.user,
    ...(reason === undefined ? {} : { reason }),
  }
  sessionChannel.publish(message)
}
