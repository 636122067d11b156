/**
 * The `code` of an error answer that no core {@link ErrorCode} names: failures of the HTTP layer itself.
 *
 * @example
 * ```ts
 * if (answer.code === RestErrorCode.PAYLOAD_TOO_LARGE) shrinkTheRequest()
 * ```
 */
export const RestErrorCode = {
  /** No route has this path (under the base path). */
  NOT_FOUND: 'NOT_FOUND',
  /** The path exists, but not for this method; the `Allow` header lists the methods it has. */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** `authenticate` refused the request (or it had no credentials). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The body is larger than `maxBodyBytes`. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** The body is not JSON (a multipart upload, a form, another charset). */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** The request did not complete within `requestTimeoutMs`. */
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  /** A bug: the answer never carries its message; the handler's `onError` gets the error. */
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const

/** One of the {@link RestErrorCode} values. */
export type RestErrorCode = (typeof RestErrorCode)[keyof typeof RestErrorCode]

/**
 * An error answer decided by the HTTP layer: its status, its JSON `{ message, code }` and extra headers.
 * Routes throw it for input they refuse before reaching the engine; core's errors are mapped to one by
 * `restErrorOf`.
 *
 * @example
 * ```ts
 * throw new RestError(400, 'INVALID_REQUEST', 'from must be an integer, got "x"')
 * ```
 */
export class RestError extends Error {
  override readonly name = 'RestError'

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    options?: { readonly cause?: unknown },
  ) {
    super(message, options)
  }
}
