/**
 * A batch this instance attends (claims, launches, recovers), as the launch supervisor tracks it.
 *
 * @example
 * ```ts
 * const launch: AttendedLaunch = { id, controller: new AbortController(), ownerToken: undefined, fenced: false }
 * ```
 */
export interface AttendedLaunch {
  readonly id: string
  /** Aborted by a cancel, or when the batch was taken over by another instance (fenced). */
  readonly controller: AbortController
  /**
   * The lease token this instance owns the batch under (every owner's write carries it); `undefined`
   * while it is not owned yet (a claim from the queue or an adoption under way) and without coordination.
   */
  ownerToken: string | undefined
  /** Taken over by another instance after this one lost its lease: no outcome is written. */
  fenced: boolean
  /** Gives back the launch slot, once. */
  readonly releaseSlot: () => void
}

/**
 * A submission's claim on a launch slot: the owner its row is inserted with (this instance with its
 * token when a slot is free, nobody — the launch queue — otherwise).
 *
 * @example
 * ```ts
 * const reservation = supervisor.reserve('SPARK')
 * try { await insert({ ...record, ownerInstance: reservation.ownerInstance }) } catch (e) { reservation.release(); throw e }
 * ```
 */
export interface LaunchReservation {
  readonly ownerInstance: string | null
  readonly ownerToken: string | null
  /** Gives the slot back (the insert failed or found a duplicate); a no-op after {@link handOff}. */
  release(): void
  /** The launch takes the slot over: the function that gives it back, once. */
  handOff(): () => void
}
