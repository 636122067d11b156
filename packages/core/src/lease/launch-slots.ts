import { inject, injectable } from 'inversify'
import { COORDINATION_SETTINGS, type CoordinationSettings } from './coordination-settings.js'

/**
 * The `maxRunningBatches` of this instance: one slot per batch it attends (launched, claimed from the
 * queue, adopted, or reserved by a submission about to claim it). A slot that frees tells the
 * listeners (the queue claimer), so a queued batch starts without waiting for the next poll.
 *
 * @example
 * ```ts
 * if (slots.take()) { try { await launch() } finally { slots.release() } }
 * ```
 */
@injectable()
export class LaunchSlots {
  #taken = 0
  readonly #freed: (() => void)[] = []

  constructor(@inject(COORDINATION_SETTINGS) private readonly settings: CoordinationSettings) {}

  /** How many more batches this instance may attend now (`Infinity` when unlimited). */
  get free(): number {
    const max = this.settings.maxRunningBatches
    return max === undefined ? Number.POSITIVE_INFINITY : Math.max(0, max - this.#taken)
  }

  /** How many batches this instance attends. */
  get taken(): number {
    return this.#taken
  }

  /** Takes a slot if one is free (or regardless, when `force`: an admin's reassign); whether it did. */
  take(force = false): boolean {
    if (!force && this.free < 1) return false
    this.#taken++
    return true
  }

  /** Gives a slot back and tells the listeners. */
  release(): void {
    this.#taken = Math.max(0, this.#taken - 1)
    for (const listener of this.#freed) listener()
  }

  /** Called after each {@link release}. */
  onFreed(listener: () => void): void {
    this.#freed.push(listener)
  }
}
