import findMyWay from 'find-my-way'
import type { Route, RouteMethod } from './route.js'

const METHODS: readonly RouteMethod[] = ['GET', 'POST', 'PUT', 'DELETE']

/** A route found for a request, with its decoded path parameters. */
export interface FoundRoute {
  readonly route: Route
  readonly params: Readonly<Record<string, string | undefined>>
}

/**
 * The routes, matched by find-my-way (fastify's radix-tree router): a path that exists for other methods
 * is told apart from an unknown one, so the first is answered 405 with its `Allow` list.
 *
 * @example
 * ```ts
 * const table = new RouteTable([ping])
 * table.find('GET', '/ping') // { route: ping, params: {} }
 * table.allowed('/ping') // ['GET']
 * ```
 */
export class RouteTable {
  readonly #router = findMyWay({ ignoreTrailingSlash: true, caseSensitive: true, maxParamLength: 200 })

  constructor(routes: readonly Route[]) {
    for (const route of routes) this.#router.on(route.method, route.path, () => undefined, route)
  }

  find(method: string | undefined, path: string): FoundRoute | undefined {
    if (!isRouteMethod(method)) return undefined
    const found = this.#router.find(method, path)
    if (found === null) return undefined
    return { route: found.store as Route, params: found.params }
  }

  /** The methods `path` has, empty for an unknown path. */
  allowed(path: string): RouteMethod[] {
    return METHODS.filter((method) => this.#router.find(method, path) !== null)
  }
}

function isRouteMethod(method: string | undefined): method is RouteMethod {
  return (METHODS as readonly (string | undefined)[]).includes(method)
}
