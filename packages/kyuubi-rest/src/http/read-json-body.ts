import type { IncomingMessage } from 'node:http'
import { parse as parseContentType } from 'content-type'
import getRawBody from 'raw-body'
import { ErrorCode } from '@batchgate/core'
import { RestError, RestErrorCode } from './rest-error.js'

/** What {@link readJsonBody} gives back: the parsed value, or `undefined` for an empty body. */
export type JsonBody = { readonly empty: true } | { readonly empty: false; readonly value: unknown }

/**
 * Reads a request body as JSON through `raw-body` (which enforces the byte limit, also against a
 * lying `Content-Length`, and decodes the charset) after `content-type` parsed the media type.
 *
 * - `application/json` (or `…+json`), or no `Content-Type` at all (a bare `curl -d` sends a form type,
 *   answered below): read; a charset other than UTF-8 is 415.
 * - `multipart/form-data` (Kyuubi's resource upload): 415 saying uploads are not supported.
 * - anything else: 415.
 * - more than `maxBytes`: 413 `PAYLOAD_TOO_LARGE`, as soon as `Content-Length` says so or the stream
 *   passes the limit.
 * - not JSON: 400 `INVALID_REQUEST`, without the parser's message (it quotes the body).
 *
 * @example
 * ```ts
 * const body = await readJsonBody(req, 1024 * 1024)
 * if (!body.empty) submit(body.value)
 * ```
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  checkMediaType(req.headers['content-type'])
  let text: string
  try {
    text = await getRawBody(req, {
      limit: maxBytes,
      length: req.headers['content-length'] ?? null,
      encoding: 'utf-8',
    })
  } catch (error) {
    throw bodyReadError(error, maxBytes)
  }
  if (text.trim() === '') return { empty: true }
  try {
    return { empty: false, value: JSON.parse(text) as unknown }
  } catch (error) {
    throw new RestError(
      400,
      ErrorCode.INVALID_REQUEST,
      'the request body is not valid JSON',
      {},
      { cause: error },
    )
  }
}

function checkMediaType(header: string | undefined): void {
  if (header === undefined) return
  let type: string
  let charset: string | undefined
  try {
    const parsed = parseContentType(header)
    type = parsed.type
    charset = parsed.parameters.charset?.toLowerCase()
  } catch (error) {
    throw unsupported('the Content-Type header cannot be parsed: send application/json', error)
  }
  if (type === 'multipart/form-data') {
    throw unsupported(
      'multipart upload of a resource file is not supported: send the BatchRequest as application/json, with a resource path the launcher can reach',
    )
  }
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw unsupported(`the body must be application/json, got ${type}`)
  }
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw unsupported(`the body must be UTF-8 JSON, got charset ${charset}`)
  }
}

function unsupported(message: string, cause?: unknown): RestError {
  return new RestError(415, RestErrorCode.UNSUPPORTED_MEDIA_TYPE, message, {}, { cause })
}

/** raw-body's errors carry a `type`; the ones a client causes become 4xx answers. */
function bodyReadError(error: unknown, maxBytes: number): RestError {
  const type = (error as { type?: unknown } | null)?.type
  switch (type) {
    case 'entity.too.large':
      return new RestError(
        413,
        RestErrorCode.PAYLOAD_TOO_LARGE,
        `the request body is larger than ${maxBytes} bytes`,
        {},
        { cause: error },
      )
    case 'request.size.invalid':
      return new RestError(
        400,
        ErrorCode.INVALID_REQUEST,
        'the request body is shorter or longer than its Content-Length',
        {},
        { cause: error },
      )
    case 'request.aborted':
      return new RestError(
        400,
        ErrorCode.INVALID_REQUEST,
        'the client aborted the request body',
        {},
        { cause: error },
      )
    case 'encoding.unsupported':
      return unsupported('the body must be UTF-8 JSON', error)
    case 'stream.not.readable':
      // Something before this handler (a body parser mounted in front of it) consumed the body.
      throw new Error(
        'the request body was already read: mount the Kyuubi REST handler before any body parser',
        {
          cause: error,
        },
      )
    default:
      throw error
  }
}
