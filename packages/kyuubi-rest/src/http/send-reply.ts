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
  if (closeConnection) res.setHeader('Connection', 'close')
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('X-Content-Type-Options', 'nosniff')
  if ('json' in reply) {
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value)
    writeBody(res, reply.status, JSON_TYPE, JSON.stringify(reply.json))
  } else if ('text' in reply) {
    writeBody(res, reply.status, 'text/plain; charset=utf-8', reply.text)
  } else {
    res.statusCode = reply.status
    res.setHeader('Content-Length', '0')
    res.end()
  }
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

function writeBody(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status
  res.setHeader('Content-Type', type)
  res.setHeader('Content-Length', Buffer.byteLength(body, 'utf8'))
  res.end(body)
}
