/// <reference types="node" preserve="true" />
import { BatchgateError, ErrorCode } from '@batchgate/core'

/**
 * The whole body of `response` as UTF-8 text, refusing one over `maxBytes` (by its `Content-Length`
 * before reading, else as it streams in, cancelling the rest): `INVALID_OPTIONS`, since asking again
 * for as many rows would be refused again. A connection lost mid-body rejects with the transport's error.
 *
 * @example
 * ```ts
 * const text = await readBoundedBody(await fetch(url), 64 * 1024 * 1024)
 * ```
 */
export async function readBoundedBody(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw tooLarge(maxBytes, `${declared} bytes declared`)
  }
  const body = response.body
  if (body === null) return ''
  const reader = body.getReader() as ReadableStreamDefaultReader<Uint8Array>
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(maxBytes, `more than ${maxBytes} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, size).toString('utf8')
}

function tooLarge(maxBytes: number, found: string): BatchgateError {
  return new BatchgateError(
    ErrorCode.INVALID_OPTIONS,
    `the server's answer is larger than maxResponseBytes (${maxBytes}; ${found}): fetch fewer rows at a time or raise maxResponseBytes`,
  )
}
