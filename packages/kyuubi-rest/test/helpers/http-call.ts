import { request, type IncomingHttpHeaders } from 'node:http'

/** An HTTP answer as a test reads it. */
export interface Answer {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  readonly text: string
  /** The body parsed as JSON (`undefined` when it is not JSON). */
  readonly json: unknown
}

/** One request, written byte for byte as given: no header is added but Host and Content-Length. */
export interface Call {
  readonly method?: string
  readonly path: string
  readonly headers?: Record<string, string>
  /** A value is sent as JSON with `Content-Type: application/json`; a string or Buffer as it is. */
  readonly body?: unknown
  /** `Authorization: Basic` for this user (password `secret` unless given). */
  readonly user?: string
  readonly password?: string
}

/**
 * Sends one request over a new connection (no keep-alive, so a test never shares a socket by accident)
 * and reads the whole answer.
 *
 * @example
 * ```ts
 * const answer = await call(baseUrl, { method: 'POST', path: '/api/v1/batches', body: request, user: 'alice' })
 * ```
 */
export function call(baseUrl: string, options: Call): Promise<Answer> {
  const headers: Record<string, string | undefined> = { ...options.headers }
  let payload: Buffer | undefined
  if (options.body !== undefined) {
    if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) {
      payload = Buffer.from(options.body)
    } else {
      payload = Buffer.from(JSON.stringify(options.body))
      headers['Content-Type'] ??= 'application/json'
    }
  }
  if (options.user !== undefined)
    headers.Authorization ??= basicHeader(options.user, options.password ?? 'secret')
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(options.path, baseUrl),
      { method: options.method ?? 'GET', headers, agent: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown
          try {
            json = JSON.parse(text)
          } catch {
            json = undefined
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
        })
      },
    )
    req.on('error', reject)
    req.end(payload)
  })
}

/** `Basic base64(user:password)`, with the scheme spelled as given (Kyuubi's Java client sends `BASIC`). */
export function basicHeader(user: string, password: string, scheme = 'Basic'): string {
  return `${scheme} ${Buffer.from(`${user}:${password}`).toString('base64')}`
}
