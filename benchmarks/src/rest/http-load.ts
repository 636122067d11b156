import { randomUUID } from 'node:crypto'
import autocannon from 'autocannon'
import { benchRequest } from '../submit/bench-request.js'

/** Keep-alive connections of every `rest` figure. */
export const CONNECTIONS = 16

/** Sent by every request: Kyuubi's NONE mode reads the user from it (the bare servers ignore it). */
const HEADERS = { Authorization: `Basic ${Buffer.from('bench:x').toString('base64')}` }

/** What a figure loads: a `POST /batches` with a new id each request, or a `GET` of one path. */
export type Load = 'submit' | 'get'

/**
 * Runs autocannon against `url + path` with {@link CONNECTIONS} keep-alive connections for `seconds`,
 * and returns the 2xx answers per second of wall time. Any error, timeout or other status fails the
 * figure: a throughput of failures is no throughput. A `submit` load sends `benchRequest` with a fresh
 * `kyuubi.batch.id` in every request (built in autocannon's `setupRequest`, so both servers pay alike).
 *
 * @example
 * ```ts
 * const perSecond = await loadFor('http://127.0.0.1:4000', '/api/v1/batches', 'submit', 2)
 * ```
 */
export async function loadFor(url: string, path: string, load: Load, seconds: number): Promise<number> {
  const result = await autocannon({
    url: `${url}${path}`,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests: [
      load === 'submit'
        ? {
            method: 'POST',
            path,
            headers: { ...HEADERS, 'Content-Type': 'application/json' },
            setupRequest: (request) => ({ ...request, body: JSON.stringify(benchRequest(randomUUID())) }),
          }
        : { method: 'GET', path, headers: HEADERS },
    ],
  })
  if (result.errors > 0 || result.non2xx > 0) {
    throw new Error(
      `${load} ${path}: ${result.errors} errors (${result.timeouts} timeouts), ${result.non2xx} answers not 2xx`,
    )
  }
  const elapsed = (result.finish.getTime() - result.start.getTime()) / 1000
  return result['2xx'] / elapsed
}
