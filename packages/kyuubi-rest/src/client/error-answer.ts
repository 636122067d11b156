import { KyuubiRestRequestError } from './kyuubi-rest-request-error.js'
import { KyuubiRestTransportError } from './kyuubi-rest-transport-error.js'

/** The longest part of a non-JSON error body quoted in a message. */
const QUOTED_BODY_CHARS = 200

/**
 * The error for a non-2xx answer to `what` (e.g. `FETCH_NEXT(1000)`), from its status and the server's
 * JSON `{ message, code }` (any other body is quoted, shortened): a 4xx other than 408 is a
 * {@link KyuubiRestRequestError} (not retried); a 5xx, a 408 or anything else a
 * {@link KyuubiRestTransportError} (retried by `resumableReader`).
 *
 * @example
 * ```ts
 * throw errorOfAnswer(401, '{"message":"wrong user name or password","code":"UNAUTHENTICATED"}', 'FETCH_NEXT(100)', 'alice')
 * ```
 */
export function errorOfAnswer(
  status: number,
  text: string,
  what: string,
  user: string,
): KyuubiRestRequestError | KyuubiRestTransportError {
  const { message, code } = errorBody(text)
  const reason = `${message}${code === undefined ? '' : ` (${code})`}`
  if (status >= 400 && status < 500 && status !== 408) {
    const prefix =
      status === 401
        ? `the server refused the credentials of user ${JSON.stringify(user)} for ${what} (HTTP 401)`
        : status === 403
          ? `user ${JSON.stringify(user)} may not do ${what} (HTTP 403)`
          : `the server refused ${what} (HTTP ${status})`
    return new KyuubiRestRequestError(status, code, `${prefix}: ${reason}`)
  }
  return new KyuubiRestTransportError(`${what} failed on the server (HTTP ${status}): ${reason}`, {
    status,
    serverCode: code,
  })
}

function errorBody(text: string): { message: string; code: string | undefined } {
  try {
    const json = JSON.parse(text) as { message?: unknown; code?: unknown } | null
    if (typeof json?.message === 'string') {
      return { message: json.message, code: typeof json.code === 'string' ? json.code : undefined }
    }
  } catch {
    // Not JSON: a proxy's page, quoted below.
  }
  const quoted = text.length > QUOTED_BODY_CHARS ? `${text.slice(0, QUOTED_BODY_CHARS)}…` : text
  return { message: quoted === '' ? 'no message' : JSON.stringify(quoted), code: undefined }
}
