import { ok } from '../http/reply.js'
import type { Route } from './route.js'

/**
 * `GET /ping` (text `pong`, without authentication, for health checks) and `GET /version`
 * (`{ version }`).
 *
 * @example
 * ```ts
 * new RouteTable([...serviceRoutes])
 * ```
 */
export const serviceRoutes: readonly Route[] = [
  { method: 'GET', path: '/ping', public: true, handle: () => ({ status: 200, text: 'pong' }) },
  { method: 'GET', path: '/version', handle: ({ settings }) => ok({ version: settings.version }) },
]
