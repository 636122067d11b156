/// <reference types="node" preserve="true" />
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import getRawBody from 'raw-body'
import { ThriftDecodeError } from '../../protocol/thrift-decode-error.js'
import { connectionPeer } from '../connection-peer.js'
import { runAuthentication } from '../run-authentication.js'
import type { ThriftCredentials } from '../thrift-authenticate.js'
import type { ThriftMessageProcessor } from '../thrift-message-processor.js'
import { ThriftTransportError, ThriftTransportErrorCode } from '../thrift-transport-error.js'
import { basicCredentials } from './basic-credentials.js'
import {
  httpHandlerSettings,
  type HttpHandlerSettings,
  type ThriftHttpHandlerOptions,
} from './thrift-http-handler-options.js'

/** The Thrift HTTP handler: a Node request listener, with `close()` for the host's shutdown. */
export type ThriftHttpHandler = RequestListener & {
  /** Answers new requests 503 and resolves when the requests in flight have been answered. */
  close(): Promise<void>
}

const THRIFT_CONTENT_TYPE = 'application/x-thrift'

/**
 * The HTTP transport of TCLIService (HiveServer2's `transportMode=http`, as Kyuubi's and Databricks'
 * drivers use it): every `POST <path>` carries one Thrift message (TBinaryProtocol) and is answered
 * `200` with the reply message as `application/x-thrift`. Each request is its own {@link ThriftPeer}
 * (its `closed` resolves when the response ended). Refusals use HTTP's statuses:
 * - no or refused credentials: `401` with `WWW-Authenticate: Basic realm="…"`;
 * - another path: `404`; another method on the path: `405` with `Allow: POST`;
 * - a body larger than `maxMessageBytes`: `413`; a body that does not arrive within `bodyTimeoutMs`:
 *   `408` (both with `Connection: close`, the rest of the body is not read);
 * - an empty body or one shorter than its `Content-Length`: `400`;
 * - a body the processor cannot decode (a `ThriftDecodeError`: garbage, a truncated message): `400`
 *   naming what was wrong;
 * - the processor rejected otherwise: `500`; after `close()`: `503`.
 *
 * @example
 * ```ts
 * const handler = thriftHttpHandler(processor, { authenticate: thriftPasswordAuth({ verify }) })
 * const server = http.createServer(handler).listen(10010, '127.0.0.1')
 * // on shutdown:
 * server.close(); await handler.close()
 * ```
 */
export function thriftHttpHandler(
  processor: ThriftMessageProcessor,
  options: ThriftHttpHandlerOptions,
): ThriftHttpHandler {
  const settings = httpHandlerSettings(options)
  const inFlight = new Set<Promise<void>>()
  let closing = false
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (closing) {
      answer(res, 503, 'the Thrift HTTP service is shutting down', { Connection: 'close' })
      return
    }
    const handled = handle(processor, settings, req, res).catch((error: unknown) => {
      // A bug of ours: answer what can be answered, never crash the host's server.
      if (!res.headersSent) answer(res, 500, 'internal error', { Connection: 'close' })
      else res.destroy(error instanceof Error ? error : undefined)
    })
    inFlight.add(handled)
    void handled.finally(() => inFlight.delete(handled))
  }
  return Object.assign(listener, {
    close: async (): Promise<void> => {
      closing = true
      await Promise.all(inFlight)
    },
  })
}

async function handle(
  processor: ThriftMessageProcessor,
  settings: HttpHandlerSettings,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const peer = connectionPeer('http', req.socket.remoteAddress)
  res.once('close', () => {
    peer.markClosed()
  })
  const report = (code: ThriftTransportErrorCode, message: string, cause?: unknown): void => {
    try {
      settings.onError(new ThriftTransportError(code, message, { cause }), peer)
    } catch {
      // The host's log hook failed: answering must not depend on it.
    }
  }
  const target = req.url ?? '/'
  const query = target.indexOf('?')
  const path = query < 0 ? target : target.slice(0, query)
  // A refused request's body is not read: Node would otherwise read and discard all of it to keep the
  // connection alive, however large an unauthenticated client makes it.
  const closeIfBody: Record<string, string> = hasBody(req) ? { Connection: 'close' } : {}
  if (path !== settings.path) {
    answer(res, 404, `no Thrift service at ${path.slice(0, 200)}: POST to ${settings.path}`, closeIfBody)
    return
  }
  if (req.method !== 'POST') {
    answer(res, 405, `the Thrift service takes POST, not ${req.method ?? ''}`, {
      ...closeIfBody,
      Allow: 'POST',
    })
    return
  }
  let credentials: ThriftCredentials | undefined
  let refusal: { message: string; cause: unknown } | undefined
  try {
    credentials = basicCredentials(req.headers.authorization)
  } catch (error) {
    refusal = { message: (error as Error).message, cause: error }
  }
  if (refusal === undefined) {
    const outcome = await runAuthentication(settings.authenticate, credentials, peer)
    if (outcome.accepted) peer.user = outcome.user
    else refusal = { message: outcome.message, cause: outcome.cause }
  }
  if (refusal !== undefined) {
    report(ThriftTransportErrorCode.AUTHENTICATION_FAILED, refusal.message, refusal.cause)
    answer(res, 401, refusal.message, {
      ...closeIfBody,
      'WWW-Authenticate': `Basic realm="${settings.realm}", charset="UTF-8"`,
    })
    return
  }
  const body = await readBody(req, res, settings, report)
  if (body === undefined) return
  let reply: Buffer | undefined
  try {
    reply = await processor.process(body, peer)
  } catch (error) {
    if (ThriftDecodeError.is(error)) {
      // The client's bytes, not the server, are at fault: say so, as the binary transport's close does.
      report(ThriftTransportErrorCode.MALFORMED_MESSAGE, 'the request body is not a Thrift message', error)
      answer(res, 400, `the request body is not a TCLIService Thrift message: ${error.message}`)
      return
    }
    report(ThriftTransportErrorCode.PROCESSOR_FAILED, 'the Thrift processor failed; answered 500', error)
    answer(res, 500, 'the Thrift service failed to process the message', { Connection: 'close' })
    return
  }
  const bytes = reply ?? Buffer.alloc(0)
  res.writeHead(200, { 'Content-Type': THRIFT_CONTENT_TYPE, 'Content-Length': bytes.length })
  res.end(bytes)
}

/** The body as one message, or `undefined` when it was answered with an error status. */
async function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  settings: HttpHandlerSettings,
  report: (code: ThriftTransportErrorCode, message: string, cause?: unknown) => void,
): Promise<Buffer | undefined> {
  // An object, not a let: the timer callback sets it while getRawBody is awaited.
  const deadline = { passed: false }
  const timer = setTimeout(() => {
    deadline.passed = true
    const message = `the request body did not arrive within ${settings.bodyTimeoutMs} ms`
    report(ThriftTransportErrorCode.MESSAGE_TIMEOUT, message)
    // raw-body rejects ("aborted") once the connection is gone; the answer is this 408.
    answer(res, 408, message, { Connection: 'close' }, () => req.socket.destroy())
  }, settings.bodyTimeoutMs)
  let body: Buffer
  try {
    body = await getRawBody(req, {
      limit: settings.maxMessageBytes,
      length: req.headers['content-length'] ?? null,
    })
  } catch (error) {
    if (deadline.passed) return undefined
    const type = (error as { type?: unknown } | null)?.type
    if (type === 'entity.too.large') {
      const message = `the request body is larger than ${settings.maxMessageBytes} bytes`
      report(ThriftTransportErrorCode.MESSAGE_TOO_LARGE, message, error)
      answer(res, 413, message, { Connection: 'close' })
    } else if (type === 'request.aborted') {
      report(ThriftTransportErrorCode.TRUNCATED, 'the client aborted the request body', error)
    } else if (type === 'request.size.invalid') {
      report(ThriftTransportErrorCode.TRUNCATED, 'the body does not match its Content-Length', error)
      answer(res, 400, 'the request body is shorter or longer than its Content-Length', {
        Connection: 'close',
      })
    } else {
      throw error
    }
    return undefined
  } finally {
    clearTimeout(timer)
  }
  if (deadline.passed) return undefined
  if (body.length === 0) {
    report(ThriftTransportErrorCode.MALFORMED_MESSAGE, 'an empty body is not a Thrift message')
    answer(res, 400, 'the request body must be one Thrift message (TBinaryProtocol)')
    return undefined
  }
  return body
}

/** Whether the request announces a body (a length above 0, or chunked). */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length']
  if (length !== undefined) return length !== '0'
  return req.headers['transfer-encoding'] !== undefined
}

function answer(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
  then?: () => void,
): void {
  if (res.headersSent) return
  const body = Buffer.from(`${message}\n`, 'utf8')
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': body.length,
  })
  res.end(body, then)
}
