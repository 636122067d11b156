// The statement executor forks its worker from the built dist (a .js file next to it), so tests that
// run statements load the package from dist, as the gateway process does.
import { pathToFileURL } from 'node:url'
import { fileURLToPath } from 'node:url'

const DIST_INDEX = pathToFileURL(fileURLToPath(new URL('../../dist/index.js', import.meta.url))).href

/** `@batchgate/gateway` as built in dist/. */
export const builtGateway = (await import(DIST_INDEX)) as typeof import('../../src/index.js')
