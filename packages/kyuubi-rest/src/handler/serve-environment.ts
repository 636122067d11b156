import type { KyuubiRestEngine } from './kyuubi-rest-engine.js'
import type { KyuubiRestSettings } from './kyuubi-rest-options.js'
import type { RouteTable } from './route-table.js'

/** What every request of one handler shares. */
export interface ServeEnvironment {
  readonly engine: KyuubiRestEngine
  readonly settings: KyuubiRestSettings
  readonly table: RouteTable
  /** Aborted by the handler's `close()`: new requests are refused. */
  readonly closing: AbortSignal
  /**
   * The abort of every request under way, which the handler's `close()` calls: a `Set` entry per request
   * costs far less than an `abort` listener on `closing` (an `EventTarget` listener, a few µs each).
   */
  readonly underWay: Set<() => void>
}
