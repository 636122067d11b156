/**
 * The diagnostic of a RUNNING batch taken over from an instance that stopped (restarted, or lost its
 * lease) when its launcher has no `recover`: nobody knows how the job ended.
 *
 * @example
 * ```ts
 * unknownOutcome('engine instance gw-2 lost its lease') // '… the outcome of the job is unknown'
 * ```
 */
export function unknownOutcome(what: string): string {
  return `${what} while the batch was running, and its launcher cannot recover batches: the outcome of the job is unknown`
}

/**
 * Why a launch's signal was aborted after this instance lost its lease and another one adopted the
 * batch meanwhile (its outcome is that instance's to record now).
 *
 * @example
 * ```ts
 * controller.abort(new Error(adoptedElsewhere('gw-1', id)))
 * ```
 */
export function adoptedElsewhere(instanceId: string, id: string): string {
  return `engine instance ${instanceId} lost its lease and batch ${id} was taken over by another instance`
}
