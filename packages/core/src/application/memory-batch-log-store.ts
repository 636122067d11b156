import type { BatchLogPage } from './batch-log.js'
import type { BatchLogSettings } from './batch-log-settings.js'
import type { BatchLogStore } from './batch-log-store.js'
import { cappedLog, logLines, pageOf } from './log-lines.js'

interface MemoryLog {
  dropped: number
  lines: string[]
}

/**
 * Batch logs in this process's memory (`batchLogs` without a `directory`): at most `maxLines` lines per
 * batch and `maxBatches` logs, the log written least recently going first. They end with the process.
 *
 * @example
 * ```ts
 * const logs = new MemoryBatchLogStore({ directory: undefined, maxLines: 1000, maxLineBytes: 4096, maxBatches: 100 })
 * logs.append(id, 'started')
 * ```
 */
export class MemoryBatchLogStore implements BatchLogStore {
  /** In order of last write (a write moves its log to the end), so the first one is the one to evict. */
  readonly #logs = new Map<string, MemoryLog>()
  readonly shared = false

  constructor(private readonly settings: BatchLogSettings) {}

  append(id: string, text: string): void {
    const log = this.#logs.get(id) ?? { dropped: 0, lines: [] }
    this.#logs.delete(id)
    this.#logs.set(id, log)
    for (const line of logLines(text, this.settings.maxLineBytes)) log.lines.push(line)
    // Compacted in bursts (amortised O(1) per line); readers see the capped view in between.
    const excess = log.lines.length - this.settings.maxLines
    if (excess > this.settings.maxLines) {
      log.lines.splice(0, excess)
      log.dropped += excess
    }
    while (this.#logs.size > this.settings.maxBatches) {
      const oldest = this.#logs.keys().next().value
      if (oldest === undefined) break
      this.#logs.delete(oldest)
    }
  }

  finish(): Promise<void> {
    return Promise.resolve()
  }

  read(id: string, from: number, size: number): Promise<BatchLogPage> {
    const log = this.#logs.get(id) ?? { dropped: 0, lines: [] }
    return Promise.resolve(pageOf(cappedLog(log, this.settings.maxLines), from, size))
  }

  ids(): Promise<string[]> {
    return Promise.resolve([...this.#logs.keys()])
  }

  remove(id: string): Promise<void> {
    this.#logs.delete(id)
    return Promise.resolve()
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}
