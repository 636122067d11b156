import type { SessionInfo } from './session-info.js'

/**
 * A session as the `SessionManager` keeps it in memory. Its operations hold it, to count their calls as
 * the session's activity.
 *
 * @example
 * ```ts
 * const session = new OpenSession(handle, 'alice', 'alice', conf, clock.now())
 * session.touch(clock.now())
 * ```
 */
export class OpenSession {
  /** Epoch milliseconds of the last call on it or one of its operations (or an operation's end). */
  lastAccessTime: number
  /** The handles of its open operations. */
  readonly operations = new Set<string>()

  constructor(
    readonly handle: string,
    /** Who it runs as: the proxy user, if any. */
    readonly user: string,
    /** Who opened it, and so who may use it. */
    readonly realUser: string,
    readonly conf: Readonly<Record<string, string>>,
    readonly createTime: number,
  ) {
    this.lastAccessTime = createTime
  }

  /** Records activity at `now` (never moving the time back). */
  touch(now: number): void {
    if (now > this.lastAccessTime) this.lastAccessTime = now
  }

  /** Its public description. */
  info(instanceId: string): SessionInfo {
    return {
      handle: this.handle,
      user: this.user,
      realUser: this.realUser,
      conf: this.conf,
      instanceId,
      createTime: this.createTime,
      lastAccessTime: this.lastAccessTime,
      operationCount: this.operations.size,
    }
  }
}
