import type { ThriftPeer } from '../transport/thrift-message-processor.js'

/** A session this service opened: who it belongs to, what it speaks, and what keeps it open. */
export interface TrackedSession {
  readonly handle: string
  /** The user it was opened as: the request user of later calls on it when the peer names none (NOSASL). */
  readonly user: string
  /** The protocol version negotiated at OpenSession. */
  readonly protocol: number
  /** The open operations started in it through this service. */
  readonly operations: Set<string>
  /** The binary connection whose closing starts its grace period, if any. */
  boundTo: string | undefined
  /** The pending close after its connection went away. */
  graceTimer: NodeJS.Timeout | undefined
}

/**
 * The sessions and operations this service started, kept to answer what core does not know about a
 * Thrift client: the protocol version of a session, the user of a call from a connection without
 * authentication, and which binary connection a session hangs on. A binary connection that closes
 * starts a grace period for the sessions bound to it (`onExpired` when it ends); a call on such a
 * session from any connection cancels it (and a binary one binds the session to itself). Entries of
 * sessions or operations that core closed on its own (idle timeouts) are dropped when a call meets
 * them as not found, and swept when the maps have doubled since the last sweep.
 *
 * @example
 * ```ts
 * const registry = new SessionRegistry(60_000, (session) => void engine.sessions.close(session.handle, { user: session.user }))
 * registry.addSession(handle, 'alice', 9, peer)
 * ```
 */
export class SessionRegistry {
  readonly #sessions = new Map<string, TrackedSession>()
  readonly #operations = new Map<string, TrackedSession>()
  /** Binary connections seen, with the sessions bound to each. */
  readonly #connections = new Map<string, Set<string>>()
  #closed = false

  constructor(
    private readonly graceMs: number,
    private readonly onExpired: (session: TrackedSession) => void,
  ) {}

  /** How many sessions and operations are tracked (for sweeping). */
  get size(): number {
    return this.#sessions.size + this.#operations.size
  }

  /** Records a session just opened through `peer`. */
  addSession(handle: string, user: string, protocol: number, peer: ThriftPeer): TrackedSession {
    const session: TrackedSession = {
      handle,
      user,
      protocol,
      operations: new Set(),
      boundTo: undefined,
      graceTimer: undefined,
    }
    this.#sessions.set(handle, session)
    this.#bind(session, peer)
    return session
  }

  /** Records an operation started in a tracked session. */
  addOperation(operation: string, session: TrackedSession): void {
    session.operations.add(operation)
    this.#operations.set(operation, session)
  }

  /** The tracked session with this handle. */
  session(handle: string): TrackedSession | undefined {
    return this.#sessions.get(handle)
  }

  /** The tracked session an operation was started in. */
  sessionOf(operation: string): TrackedSession | undefined {
    return this.#operations.get(operation)
  }

  /**
   * Marks a call on the session (or one of its operations) by its user through `peer`: cancels its grace
   * period, and a binary connection binds it to itself.
   */
  use(session: TrackedSession, peer: ThriftPeer): void {
    if (session.graceTimer !== undefined) {
      clearTimeout(session.graceTimer)
      session.graceTimer = undefined
    }
    if (peer.transport === 'binary' && session.boundTo !== peer.id) this.#bind(session, peer)
  }

  /** Forgets a closed (or not found) session and its operations. */
  removeSession(handle: string): void {
    const session = this.#sessions.get(handle)
    if (session === undefined) return
    this.#sessions.delete(handle)
    clearTimeout(session.graceTimer)
    session.graceTimer = undefined
    for (const operation of session.operations) this.#operations.delete(operation)
    if (session.boundTo !== undefined) this.#connections.get(session.boundTo)?.delete(handle)
  }

  /** Forgets a closed (or not found) operation. */
  removeOperation(operation: string): void {
    const session = this.#operations.get(operation)
    if (session === undefined) return
    this.#operations.delete(operation)
    session.operations.delete(operation)
  }

  /** Every tracked session (a copy, for sweeping). */
  sessions(): TrackedSession[] {
    return [...this.#sessions.values()]
  }

  /** Every tracked operation with its session (a copy, for sweeping). */
  operations(): [string, TrackedSession][] {
    return [...this.#operations.entries()]
  }

  /** Cancels every grace period; later disconnections start none. */
  close(): void {
    this.#closed = true
    for (const session of this.#sessions.values()) {
      clearTimeout(session.graceTimer)
      session.graceTimer = undefined
    }
  }

  #bind(session: TrackedSession, peer: ThriftPeer): void {
    if (peer.transport !== 'binary') return
    if (session.boundTo !== undefined) this.#connections.get(session.boundTo)?.delete(session.handle)
    session.boundTo = peer.id
    let bound = this.#connections.get(peer.id)
    if (bound === undefined) {
      bound = new Set()
      this.#connections.set(peer.id, bound)
      void peer.closed.then(
        () => {
          this.#disconnected(peer.id)
        },
        () => {
          this.#disconnected(peer.id)
        },
      )
    }
    bound.add(session.handle)
  }

  #disconnected(peerId: string): void {
    const bound = this.#connections.get(peerId)
    this.#connections.delete(peerId)
    if (bound === undefined) return
    for (const handle of bound) {
      const session = this.#sessions.get(handle)
      if (session?.boundTo !== peerId) continue
      session.boundTo = undefined
      if (this.#closed) continue
      clearTimeout(session.graceTimer)
      session.graceTimer = setTimeout(() => {
        session.graceTimer = undefined
        this.removeSession(handle)
        this.onExpired(session)
      }, this.graceMs)
      session.graceTimer.unref()
    }
  }
}
