import {
  BatchgateError,
  FetchOrientation,
  type FetchCallOptions,
  type FetchFunction,
  type ResultRow,
  type RowSet,
} from '@batchgate/core'
import { decodeRowSet } from './decode-row-set.js'
import { errorOfAnswer } from './error-answer.js'
import {
  fetcherSettings,
  type FetcherSettings,
  type KyuubiRestFetcherOptions,
} from './kyuubi-rest-fetcher-options.js'
import { readBoundedBody } from './read-bounded-body.js'
import { KyuubiRestTransportError } from './kyuubi-rest-transport-error.js'

/**
 * The client side of the cursor over HTTP: a core `FetchFunction` that fetches one block of an
 * operation's result with `GET {baseUrl}/operations/{operationHandle}/rowset?maxrows&fetchorientation`
 * (and `offset` for `FETCH_ABSOLUTE` / `FETCH_RELATIVE`), for `resumableReader`, which then reads every
 * row exactly once and in order although answers are lost on the way (it re-synchronises with
 * `FETCH_PRIOR` and the answer's `startRowOffset`).
 *
 * Each call is one request, cancelled when the call's `signal` aborts or after `requestTimeoutMs`, its
 * answer bounded by `maxResponseBytes`. It resolves with the block, values in their JS types (see
 * `decodeRowSet`: BIGINT as `bigint`, BINARY as `Uint8Array`). It rejects with a
 * {@link KyuubiRestRequestError} (a `BatchgateError`, which the reader does not retry) for a 4xx answer,
 * carrying the server's code when it is core's (`UNSUPPORTED_FETCH_ORIENTATION`, `OPERATION_NOT_FOUND`,
 * …) and `PERMISSION_DENIED` for a 401; with a {@link KyuubiRestTransportError} (retried) for a lost
 * connection, a timeout or a 5xx; with `FETCH_OFFSET_MISMATCH` for an answer without `startRowOffset` (an
 * Apache Kyuubi server). The password is never part of an error.
 *
 * @example
 * ```ts
 * const fetcher = kyuubiRestFetcher('http://127.0.0.1:10099/api/v1', identifier, {
 *   auth: { user: 'alice', password: process.env.KYUUBI_PASSWORD ?? '' },
 * })
 * for await (const row of resumableReader(fetcher, { maxRows: 1000, fetchTimeoutMs: 30_000 })) console.log(row)
 * ```
 */
export function kyuubiRestFetcher(
  baseUrl: string,
  operationHandle: string,
  options: KyuubiRestFetcherOptions,
): FetchFunction<ResultRow> {
  const settings = fetcherSettings(baseUrl, operationHandle, options)
  return (orientation, maxRows, offset, callOptions) =>
    fetchRowSet(settings, orientation, maxRows, offset, callOptions)
}

const TAKES_OFFSET: ReadonlySet<FetchOrientation> = new Set([
  FetchOrientation.FETCH_ABSOLUTE,
  FetchOrientation.FETCH_RELATIVE,
])

async function fetchRowSet(
  settings: FetcherSettings,
  orientation: FetchOrientation,
  maxRows: number,
  offset: number | undefined,
  callOptions: FetchCallOptions | undefined,
): Promise<RowSet<ResultRow>> {
  const query = new URLSearchParams({ maxrows: String(maxRows), fetchorientation: orientation })
  // The server checks these (400 INVALID_FETCH_REQUEST); an offset is sent only where it means something.
  if (offset !== undefined && TAKES_OFFSET.has(orientation)) query.set('offset', String(offset))
  const what = `${orientation}(${maxRows})`
  // A timer of our own, cleared when the answer is read: AbortSignal.timeout's would outlive every call.
  const expiry = new AbortController()
  const timer = setTimeout(() => {
    expiry.abort()
  }, settings.requestTimeoutMs)
  const timeout = expiry.signal
  const signal = callOptions?.signal === undefined ? timeout : AbortSignal.any([callOptions.signal, timeout])
  let status: number
  let text: string
  try {
    const response = await settings.fetch(`${settings.rowSetUrl}?${query.toString()}`, {
      method: 'GET',
      headers: settings.headers,
      signal,
      redirect: 'error',
    })
    status = response.status
    text = await readBoundedBody(response, settings.maxResponseBytes)
  } catch (error) {
    // An aborted request rejects with the abort's reason, which may be the reader's own FETCH_TIMEOUT.
    if (!signal.aborted && BatchgateError.is(error)) throw error
    throw lostAnswer(what, error, signal, timeout, settings.requestTimeoutMs)
  } finally {
    clearTimeout(timer)
  }
  if (status < 200 || status > 299) throw errorOfAnswer(status, text, what, settings.user)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = text
  }
  return decodeRowSet(json)
}

function lostAnswer(
  what: string,
  error: unknown,
  signal: AbortSignal,
  timeout: AbortSignal,
  requestTimeoutMs: number,
): KyuubiRestTransportError {
  if (timeout.aborted) {
    return new KyuubiRestTransportError(`${what} got no complete answer within ${requestTimeoutMs} ms`, {
      cause: error,
    })
  }
  if (signal.aborted) {
    return new KyuubiRestTransportError(`${what} was abandoned by its caller`, { cause: signal.reason })
  }
  const detail = error instanceof Error ? describeTransportError(error) : String(error)
  return new KyuubiRestTransportError(`${what} got no complete answer: ${detail}`, { cause: error })
}

/** undici's `fetch failed` says little: the cause's message (`other side closed`, `ECONNREFUSED`) is the news. */
function describeTransportError(error: Error): string {
  const cause = error.cause
  return cause instanceof Error && cause.message !== ''
    ? `${error.message} (${cause.message})`
    : error.message
}
