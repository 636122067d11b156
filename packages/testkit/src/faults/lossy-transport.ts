import type { FetchFunction, FetchOrientation } from '@batchgate/core'
import { seededRandom } from './seeded-random.js'

/** What the transport does with one fetch: deliver it, lose the request, or lose the response. */
export type MessageLoss = 'none' | 'request' | 'response'

/**
 * Decides the fate of the `call`-th fetch (0-based) through a {@link lossyTransport}.
 *
 * @example
 * ```ts
 * const loseEveryPriorResponse: LossPlan = (_, orientation) =>
 *   orientation === FetchOrientation.FETCH_PRIOR ? 'response' : 'none'
 * ```
 */
export type LossPlan = (call: number, orientation: FetchOrientation) => MessageLoss

/**
 * The error a lost message surfaces as: a plain transport error, not a `BatchgateError`, so
 * `resumableReader` treats it as retryable.
 *
 * @example
 * ```ts
 * if (error instanceof LostMessageError && error.lost === 'response') console.log('the server moved on')
 * ```
 */
export class LostMessageError extends Error {
  constructor(readonly lost: Exclude<MessageLoss, 'none'>) {
    super(lost === 'request' ? 'request lost before the server' : 'response lost after the server')
    this.name = 'LostMessageError'
  }
}

/** What a {@link lossyTransport} did so far, so a test can check that losses really happened. */
export interface LossStats {
  /** Fetches made through the transport, delivered or not. */
  readonly calls: number
  /** Fetches that never reached the server. */
  readonly lostRequests: number
  /** Fetches the server served (moving its cursor) whose answer was thrown away. */
  readonly lostResponses: number
}

/** A {@link lossyTransport}: the unreliable `fetch`, and live counts of what it lost. */
export interface LossyTransport<T> {
  readonly fetch: FetchFunction<T>
  /** Updated as fetches are made: read it after the run. */
  readonly stats: LossStats
}

/**
 * Wraps a real cursor's (or server's) `fetch` in an unreliable transport that follows `plan`: a lost
 * request never reaches the server; a lost response reaches it — so its cursor moves — but the answer is
 * thrown away. Either surfaces as a {@link LostMessageError}. This is the failure `FETCH_PRIOR` and
 * `startRowOffset` let a client recover from (SPARK-29349).
 *
 * @example
 * ```ts
 * const cursor = cursorFromArray(rows)
 * const { fetch, stats } = lossyTransport(cursor.fetch.bind(cursor), randomLosses(7, 0.1, 0.1))
 * for await (const row of resumableReader(fetch, { maxRows: 100, retryDelayMs: 0 })) consume(row)
 * expect(stats.lostResponses).toBeGreaterThan(0)
 * ```
 */
export function lossyTransport<T>(fetch: FetchFunction<T>, plan: LossPlan): LossyTransport<T> {
  const stats = { calls: 0, lostRequests: 0, lostResponses: 0 }
  const lossy: FetchFunction<T> = async (orientation, maxRows, offset, options) => {
    const loss = plan(stats.calls++, orientation)
    if (loss === 'request') {
      stats.lostRequests++
      throw new LostMessageError('request')
    }
    const answer = await fetch(orientation, maxRows, offset, options)
    if (loss === 'response') {
      stats.lostResponses++
      throw new LostMessageError('response')
    }
    return answer
  }
  return { fetch: lossy, stats }
}

/**
 * Loses requests and responses at random, at the given rates (each in `[0, 1]`, together at most 1),
 * replayably from `seed`: a run that fails can be repeated exactly.
 *
 * @example
 * ```ts
 * const { fetch } = lossyTransport(serverFetch, randomLosses(seed, 0.1, 0.1)) // a fifth of fetches fail
 * ```
 */
export function randomLosses(seed: number, requestLossRate: number, responseLossRate: number): LossPlan {
  for (const [name, rate] of [
    ['requestLossRate', requestLossRate],
    ['responseLossRate', responseLossRate],
  ] as const) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${rate}`)
  }
  if (requestLossRate + responseLossRate > 1) {
    throw new RangeError(
      `requestLossRate + responseLossRate must be at most 1, got ${requestLossRate + responseLossRate}`,
    )
  }
  const random = seededRandom(seed)
  return () => {
    const draw = random()
    if (draw < requestLossRate) return 'request'
    return draw < requestLossRate + responseLossRate ? 'response' : 'none'
  }
}

/**
 * Loses exactly the listed calls (0-based), for scripted scenarios; every other call is delivered.
 *
 * @example
 * ```ts
 * // The third fetch reaches the server, but its answer is lost.
 * const { fetch } = lossyTransport(serverFetch, scriptedLosses({ 2: 'response' }))
 * ```
 */
export function scriptedLosses(losses: Readonly<Record<number, MessageLoss>>): LossPlan {
  return (call) => losses[call] ?? 'none'
}
