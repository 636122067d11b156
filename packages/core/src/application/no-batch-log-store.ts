import type { BatchLogPage } from './batch-log.js'
import type { BatchLogStore } from './batch-log-store.js'

/**
 * `batchLogs: false`: nothing is kept, every log reads empty.
 *
 * @example
 * ```ts
 * await new NoBatchLogStore().read(id, 0, 100) // { lines: [], from: 0, total: 0 }
 * ```
 */
export class NoBatchLogStore implements BatchLogStore {
  readonly shared = false
  append(): void {
    // Logs are off.
  }
  finish(): Promise<void> {
    return Promise.resolve()
  }
  read(_id: string, from: number): Promise<BatchLogPage> {
    return Promise.resolve({ lines: [], from, total: 0 })
  }
  ids(): Promise<string[]> {
    return Promise.resolve([])
  }
  remove(): Promise<void> {
    return Promise.resolve()
  }
  close(): Promise<void> {
    return Promise.resolve()
  }
}
