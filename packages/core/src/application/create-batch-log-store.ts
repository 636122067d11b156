import type { BatchLogSettings } from './batch-log-settings.js'
import type { BatchLogStore } from './batch-log-store.js'
import { FileBatchLogStore } from './file-batch-log-store.js'
import { MemoryBatchLogStore } from './memory-batch-log-store.js'
import { NoBatchLogStore } from './no-batch-log-store.js'

/**
 * The log store `batchLogs` asks for: none (`undefined`, logs off), files under `directory`, or memory.
 *
 * @example
 * ```ts
 * const logs = createBatchLogStore(config.batchLogs, config.onBackgroundError)
 * ```
 */
export function createBatchLogStore(
  settings: BatchLogSettings | undefined,
  onError: (error: unknown) => void,
): BatchLogStore {
  if (settings === undefined) return new NoBatchLogStore()
  const { directory } = settings
  if (directory === undefined) return new MemoryBatchLogStore(settings)
  return new FileBatchLogStore({ ...settings, directory }, onError)
}
