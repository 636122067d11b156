import type { ServiceIdentifier } from 'inversify'
import type { RequestLimits } from '../batch/request-limits.js'

/**
 * How many sessions and operations an instance keeps, and for how long an unused session stays open.
 *
 * @example
 * ```ts
 * await createEngine({ store, sessions: { idleTimeoutMs: 30 * 60_000, maxPerUser: 10 } })
 * ```
 */
export interface SessionConfig {
  /**
   * A session with no call on it or on its operations for this long, and no operation running or being
   * fetched from, is closed (default 6 hours, Kyuubi's `kyuubi.session.idle.timeout`).
   */
  readonly idleTimeoutMs: number
  /** Most sessions one user (the authenticated one who opens them) may have open (default 50). */
  readonly maxPerUser: number
  /** Most open operations in one session; closed ones do not count (default 100). */
  readonly maxOperationsPerSession: number
}

/**
 * The settings the `SessionManager` runs with: its slice of the engine's settings.
 *
 * @example
 * ```ts
 * container.bind(SESSION_SETTINGS).toConstantValue(resolveEngineConfig({ instanceId: 'gw-1' }))
 * ```
 */
export interface SessionSettings {
  /** Named in every session's answer: sessions live in this instance's memory. */
  readonly instanceId: string
  /** Bounds of user names, conf, confOverlay and statements. */
  readonly limits: RequestLimits
  /** Users who may open a session for another user (a proxy user). */
  readonly admins: ReadonlySet<string>
  readonly sessions: SessionConfig
  /** Told about failures nobody waits for (a cursor that fails to close when its session idles out). */
  readonly onBackgroundError: (error: unknown) => void
}

/** The DI token of the {@link SessionSettings}. */
export const SESSION_SETTINGS: ServiceIdentifier<SessionSettings> = Symbol.for(
  '@batchgate/core/SessionSettings',
)
