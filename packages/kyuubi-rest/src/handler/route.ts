import type { IncomingMessage } from 'node:http'
import type { RequestContext } from '@batchgate/core'
import type { QueryParams } from '../http/query-params.js'
import type { JsonBody } from '../http/read-json-body.js'
import type { Reply } from '../http/reply.js'
import type { KyuubiRestEngine } from './kyuubi-rest-engine.js'
import type { KyuubiRestSettings } from './kyuubi-rest-options.js'

/** What a route is given: the request, its parts already read and checked, and the engine. */
export interface RouteContext {
  readonly req: IncomingMessage
  /** The path parameters, decoded. */
  readonly params: Readonly<Record<string, string | undefined>>
  readonly query: QueryParams
  /** The authenticated user, as the engine's request context (`anonymous` on public routes). */
  readonly context: RequestContext
  /** The JSON body, for routes that read one (`{ empty: true }` otherwise). */
  readonly body: JsonBody
  /**
   * Aborted when the request times out, the client goes away, or the handler closes; given only to a
   * route that declares `signal: true` (`undefined` otherwise).
   */
  readonly signal: AbortSignal | undefined
  /** Epoch milliseconds by which the answer is due (then the request times out). */
  readonly deadline: number
  readonly engine: KyuubiRestEngine
  readonly settings: KyuubiRestSettings
}

/** The methods routes are declared with. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/**
 * One endpoint: its method and path (find-my-way syntax, relative to the base path), whether it reads a
 * JSON body or skips authentication, and what it does.
 *
 * @example
 * ```ts
 * const ping: Route = { method: 'GET', path: '/ping', public: true, handle: () => ({ status: 200, text: 'pong' }) }
 * ```
 */
export interface Route {
  readonly method: RouteMethod
  readonly path: string
  /** Reads the body as JSON (bounded, typed checks) before `handle`. */
  readonly body?: boolean
  /**
   * Is given `signal`. Only such a route pays for an `AbortController` and its registrations on the
   * response and the handler (about 5 µs a request): the others never wait on anything but the engine,
   * whose calls the request timeout already bounds.
   */
  readonly signal?: boolean
  /** Answered without calling `authenticate` (a load balancer's health check). */
  readonly public?: boolean
  handle(context: RouteContext): Promise<Reply> | Reply
}
