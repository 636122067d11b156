import type { ServerResponse } from 'node:http'
import type { Reply } from './reply.js'
import type { RestError } from './rest-error.js'

const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * Writes a reply unless an answer was already sent (after a timeout, the late route's reply is dropped)
 * or the client is gone. `closeConnection` asks Node to close the socket after the answer: for requests
 * whose body was left unread (too large, timed out), so the rest of it is not read on keep-alive.
 *
 * @example
 * ```ts
 * sendReply(res, { status: 200, json: { version } })
 * ```
 */
export function sendReply(res: ServerResponse, reply: Reply, closeConnection = false): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return
  // One object passed to writeHead: Node takes it as the header list as it is, where each setHeader
  // validated and stored a header of its own (headers a host set before still merge in). The routes'
  // own headers (Allow, Retry-After, WWW-Authenticate) never repeat these names.
  const headers: Record<string, string | number> = closeConnection ? { Connection: 'close' } : {}
  headers['Cache-Control'] = 'no-store'
  headers['X-Content-Type-Options'] = 'nosniff'
  let body = ''
  if ('json' in reply) {
    if (reply.headers !== undefined) Object.assign(headers, reply.headers)
    headers['Content-Type'] = JSON_TYPE
    body = JSON.stringify(reply.json)
  } else if ('text' in reply) {
    headers['Content-Type'] = 'text/plain; charset=utf-8'
    body = reply.text
  }
  headers['Content-Length'] = Buffer.byteLength(body, 'utf8')
  res.writeHead(reply.status, headers)
  res.end(body)
}

/**
 * Writes an error answer: always JSON `{ message, code }` (Kyuubi's clients read `message`), with the
 * error's headers (`Allow`, `Retry-After`, `WWW-Authenticate`).
 *
 * @example
 * ```ts
 * sendError(res, new RestError(404, 'NOT_FOUND', 'no route GET /api/v1/nope'))
 * ```
 */
export function sendError(res: ServerResponse, error: RestError, closeConnection = false): void {
  sendReply(
    res,
    { status: error.status, json: { message: error.message, code: error.code }, headers: error.headers },
    closeConnection,
  )
}
