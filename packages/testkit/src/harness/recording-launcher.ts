import type { Batch, BatchLauncher, LaunchContext } from '@batchgate/core'

/** A launcher that records every call; its jobs finish when `finish`/`fail` is called, or at once. */
export class RecordingLauncher implements BatchLauncher {
  readonly launched: Batch[] = []
  /** The context of each batch's latest launch, for a case to report or log through. */
  readonly contexts = new Map<string, LaunchContext>()
  readonly #pending = new Map<string, { resolve: () => void; reject: (error: Error) => void }>()

  constructor(private readonly mode: 'finish-at-once' | 'hold' = 'finish-at-once') {}

  launch(batch: Batch, context: LaunchContext): Promise<void> {
    this.launched.push(batch)
    this.contexts.set(batch.id, context)
    if (this.mode === 'finish-at-once') return Promise.resolve()
    return new Promise((resolve, reject) => this.#pending.set(batch.id, { resolve, reject }))
  }

  launchesOf(id: string): number {
    return this.launched.filter((batch) => batch.id === id).length
  }

  /** The context of the batch's launch; throws when it was not launched. */
  contextOf(id: string): LaunchContext {
    const context = this.contexts.get(id)
    if (context === undefined) throw new Error(`no launch of ${id}`)
    return context
  }

  finish(id: string): void {
    this.#take(id).resolve()
  }

  fail(id: string, error: Error): void {
    this.#take(id).reject(error)
  }

  #take(id: string): { resolve: () => void; reject: (error: Error) => void } {
    const pending = this.#pending.get(id)
    if (pending === undefined) throw new Error(`no held launch for ${id}`)
    this.#pending.delete(id)
    return pending
  }
}
