/** A JSON answer of the REST front: its status, headers and parsed body. */
export interface RestAnswer {
  readonly status: number
  readonly headers: Headers
  readonly body: unknown
}

/** `Authorization: Basic` for `user` (and `password`, default empty: Kyuubi's NONE mode reads only the user). */
export function basic(user: string, password = ''): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
}

/**
 * Calls `method path` on a gateway (path relative to `/api/v1`) as `user`, with a JSON body.
 *
 * @example
 * ```ts
 * const { status, body } = await rest(gateway.url, 'POST', '/sessions', { configs: {} })
 * ```
 */
export async function rest(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  authorization: string = basic('alice'),
): Promise<RestAnswer> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // Not JSON (e.g. `pong`): the text as it is.
  }
  return { status: response.status, headers: response.headers, body: parsed }
}
