import type { FetchFunction, FetchOrientation } from '@batchgate/core'
import { mulberry32 } from './prng.js'

/** What the transport does with one fetch: deliver it, lose the request, or lose the response. */
export type Fault = 'none' | 'request' | 'response'

/** Decides the fate of the `call`-th fetch (0-based). */
export type FaultPlan = (call: number, orientation: FetchOrientation) => Fault

/** The error a lost message surfaces as: a plain transport error, not one of the library's. */
export class LostMessageError extends Error {
  constructor(readonly fault: Exclude<Fault, 'none'>) {
    super(fault === 'request' ? 'request lost before the server' : 'response lost after the server')
    this.name = 'LostMessageError'
  }
}

/** What the injector did, so a test can check that faults really happened. */
export interface FaultStats {
  calls: number
  lostRequests: number
  lostResponses: number
}

/**
 * Wraps a real cursor's (or server's) fetch in an unreliable transport: a lost request never reaches the
 * server; a lost response reaches it (so its cursor moves) but the answer is thrown away.
 */
export function injectFaults<T>(
  fetch: FetchFunction<T>,
  plan: FaultPlan,
): { fetch: FetchFunction<T>; stats: FaultStats } {
  const stats: FaultStats = { calls: 0, lostRequests: 0, lostResponses: 0 }
  const faulty: FetchFunction<T> = async (orientation, maxRows, offset) => {
    const fault = plan(stats.calls++, orientation)
    if (fault === 'request') {
      stats.lostRequests++
      throw new LostMessageError('request')
    }
    const answer = await fetch(orientation, maxRows, offset)
    if (fault === 'response') {
      stats.lostResponses++
      throw new LostMessageError('response')
    }
    return answer
  }
  return { fetch: faulty, stats }
}

/** Loses requests and responses at random, at the given rates, replayably from `seed`. */
export function randomFaults(seed: number, requestLossRate: number, responseLossRate: number): FaultPlan {
  const random = mulberry32(seed)
  return () => {
    const draw = random()
    if (draw < requestLossRate) return 'request'
    return draw < requestLossRate + responseLossRate ? 'response' : 'none'
  }
}

/** Loses exactly the listed calls, for scripted scenarios. */
export function scriptedFaults(faults: Readonly<Record<number, Fault>>): FaultPlan {
  return (call) => faults[call] ?? 'none'
}
