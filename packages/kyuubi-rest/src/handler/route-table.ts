import findMyWay from 'find-my-way'
import type { Route, RouteMethod } from './route.js'

const METHODS: readonly RouteMethod[] = ['GET', 'POST', 'PUT', 'DELETE']

/** A route found for a request, with its decoded path parameters. */
export interface FoundRoute {
  readonly route: Route
  /** The route's template including the base path (`/api/v1/batches/:batchId`): OpenTelemetry's `http.route`. */
  readonly template: string
  readonly params: Readonly<Record<string, string | undefined>>
}

/** What the router stores per route: the route and its full template, joined once at construction. */
interface RouteEntry {
  readonly route: Route
  readonly template: string
}

/**
 * The routes, matched by find-my-way (fastify's radix-tree router): a path that exists for other methods
 * is told apart from an unknown one, so the first is answered 405 with its `Allow` list.
 *
 * @example
 * ```ts
 * const table = new RouteTable([ping], '/api/v1')
 * table.find('GET', '/ping') // { route: ping, template: '/api/v1/ping', params: {} }
 * table.allowed('/ping') // ['GET']
 * ```
 */
export class RouteTable {
  readonly #router = findMyWay({ ignoreTrailingSlash: true, caseSensitive: true, maxParamLength: 200 })

  /** `basePath` only prefixes the templates: paths are matched below it. */
  constructor(routes: readonly Route[], basePath = '') {
    for (const route of routes) {
      const entry: RouteEntry = { route, template: `${basePath}${route.path}` }
      this.#router.on(route.method, route.path, () => undefined, entry)
    }
  }

  find(method: string | undefined, path: string): FoundRoute | undefined {
    if (!isRouteMethod(method)) return undefined
    const found = this.#router.find(method, path)
    if (found === null) return undefined
    const { route, template } = found.store as RouteEntry
    return { route, template, params: found.params }
  }

  /** The methods `path` has, empty for an unknown path. */
  allowed(path: string): RouteMethod[] {
    return METHODS.filter((method) => this.#router.find(method, path) !== null)
  }
}

function isRouteMethod(method: string | undefined): method is RouteMethod {
  return (METHODS as readonly (string | undefined)[]).includes(method)
}
