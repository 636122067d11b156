/// <reference types="node" preserve="true" />
import { ErrorCode } from '@batchgate/core'
import type { ClientSettings } from './hive-thrift-fetcher-options.js'
import { HiveThriftRequestError } from './hive-thrift-request-error.js'
import { HiveThriftTransportError } from './hive-thrift-transport-error.js'
import { quoteServerText } from './quote-server-text.js'
import { tooLarge } from './too-large.js'
import type { ThriftClientConnection } from './thrift-client-connection.js'

/** The most of an error answer's body read, to quote it. */
const QUOTED_BODY_BYTES = 1024

/**
 * Thrift over HTTP as HiveServer2's `transportMode=http` serves it: each call is one
 * `POST http://host:port{path}` whose body is the message and whose `200` answer's body is the reply
 * (`Content-Type: application/x-thrift`), with `Authorization: Basic` from the credentials. Node's
 * `fetch` keeps connections alive between calls; an aborted call's request is cancelled. A 401 or 403 is
 * a {@link HiveThriftRequestError} `PERMISSION_DENIED`, 404 or 405 `INVALID_OPTIONS` (a wrong `path`),
 * another 4xx except 408 `INVALID_REQUEST`; a 5xx or 408 a {@link HiveThriftTransportError} (retried).
 *
 * @example
 * ```ts
 * const reply = await new HttpClientConnection(settings).call(message, signal)
 * ```
 */
export class HttpClientConnection implements ThriftClientConnection {
  private readonly url: string
  private readonly headers: Record<string, string>

  constructor(private readonly settings: ClientSettings) {
    const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host
    this.url = `http://${host}:${settings.port}${settings.path}`
    this.headers = { 'Content-Type': 'application/x-thrift', Accept: 'application/x-thrift' }
    const { credentials } = settings
    if (credentials !== undefined) {
      const token = Buffer.from(`${credentials.user}:${credentials.password}`, 'utf8').toString('base64')
      this.headers.Authorization = `Basic ${token}`
    }
  }

  async call(message: Buffer, signal: AbortSignal): Promise<Buffer> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: this.headers,
      body: message,
      signal,
      redirect: 'error',
    })
    if (response.status !== 200) {
      const body = (await readBody(response, QUOTED_BODY_BYTES, true)).toString('utf8').trim()
      const said = quoteServerText(body, this.settings.credentials?.password)
      throw errorOfStatus(response.status, said, this.settings)
    }
    return readBody(response, this.settings.maxResponseBytes, false)
  }

  close(): void {
    // Each call is its own request; the keep-alive pool is the global dispatcher's.
  }
}

/** The body, refusing one over `maxBytes` (or, with `truncate`, cutting it there). */
async function readBody(response: Response, maxBytes: number, truncate: boolean): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (!truncate && Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw tooLarge(maxBytes, `${declared} bytes declared`)
  }
  const body = response.body
  if (body === null) return Buffer.alloc(0)
  const reader = body.getReader() as ReadableStreamDefaultReader<Uint8Array>
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (size + value.byteLength > maxBytes) {
      await reader.cancel().catch(() => undefined)
      if (!truncate) throw tooLarge(maxBytes, `more than ${maxBytes} bytes`)
      chunks.push(value.subarray(0, maxBytes - size))
      size = maxBytes
      break
    }
    chunks.push(value)
    size += value.byteLength
  }
  return Buffer.concat(chunks, size)
}

function errorOfStatus(
  status: number,
  said: string,
  settings: ClientSettings,
): HiveThriftRequestError | HiveThriftTransportError {
  const reason = said === '' ? 'no message' : JSON.stringify(said)
  if (status >= 400 && status < 500 && status !== 408) {
    const user =
      settings.credentials === undefined
        ? 'no credentials (nosasl)'
        : `user ${JSON.stringify(settings.credentials.user)}`
    const [code, what] =
      status === 401 || status === 403
        ? [ErrorCode.PERMISSION_DENIED, `the server refused ${user}`]
        : status === 404 || status === 405
          ? [
              ErrorCode.INVALID_OPTIONS,
              `the server has no Thrift endpoint at ${settings.path} (is path right?)`,
            ]
          : [ErrorCode.INVALID_REQUEST, 'the server refused the call']
    return new HiveThriftRequestError(code, `${what} (HTTP ${status}): ${reason}`, {
      serverMessage: said === '' ? undefined : said,
      httpStatus: status,
    })
  }
  return new HiveThriftTransportError(`the server answered HTTP ${status}: ${reason}`, { status })
}
