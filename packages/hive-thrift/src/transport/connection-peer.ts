import { randomUUID } from 'node:crypto'
import type { ThriftPeer } from './thrift-message-processor.js'

/** A {@link ThriftPeer} whose transport sets the user once authenticated and resolves `closed`. */
export interface ConnectionPeer extends ThriftPeer {
  user: string | undefined
  /** Resolves {@link ThriftPeer.closed}; later calls do nothing. */
  markClosed(): void
}

/**
 * A fresh peer for one TCP connection or one HTTP request, with a unique id.
 *
 * @example
 * ```ts
 * const peer = connectionPeer('binary', socket.remoteAddress)
 * socket.once('close', () => peer.markClosed())
 * ```
 */
export function connectionPeer(
  transport: ThriftPeer['transport'],
  remoteAddress: string | undefined,
): ConnectionPeer {
  let resolveClosed!: () => void
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve
  })
  return {
    id: `${transport}-${randomUUID()}`,
    transport,
    remoteAddress,
    user: undefined,
    closed,
    markClosed: () => {
      resolveClosed()
    },
  }
}
