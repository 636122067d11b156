import type { Batch, BatchLauncher } from '@batchgate/core'

/** A launcher that records every call; its jobs finish when `finish`/`fail` is called, or at once. */
export class RecordingLauncher implements BatchLauncher {
  readonly launched: Batch[] = []
  readonly #pending = new Map<string, { resolve: () => void; reject: (error: Error) => void }>()

  constructor(private readonly mode: 'finish-at-once' | 'hold' = 'finish-at-once') {}

  launch(batch: Batch): Promise<void> {
    this.launched.push(batch)
    if (this.mode === 'finish-at-once') return Promise.resolve()
    return new Promise((resolve, reject) => this.#pending.set(batch.id, { resolve, reject }))
  }

  launchesOf(id: string): number {
    return this.launched.filter((batch) => batch.id === id).length
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
