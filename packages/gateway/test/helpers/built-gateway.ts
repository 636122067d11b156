// The statement executor forks its worker from the built dist (a .js file next to it), so tests that
// run statements load the package from dist, as the gateway process does.
import { fileURLToPath, pathToFileURL } from 'node:url'
import type * as Gateway from '../../src/index.js'

const DIST_INDEX = pathToFileURL(fileURLToPath(new URL('../../dist/index.js', import.meta.url))).href

/** `@batchgate/gateway` as built in dist/. */
export const builtGateway = (await import(DIST_INDEX)) as typeof Gateway
