import type { MetadataStore } from '@batchgate/core/store'
import type { RawBatchRow } from './raw-batch-row.js'

/**
 * One fresh, empty database for one test, given by a store author to the conformance suites.
 *
 * @example
 * ```ts
 * const harness: MetastoreHarness = {
 *   newStore: () => sqliteStore({ filename }),
 *   rawBatches: async () => readWithMyOwnConnection(filename),
 *   rawDeleteBatch: async (id) => deleteWithMyOwnConnection(filename, id),
 *   dispose: async () => rm(directory, { recursive: true }),
 * }
 * ```
 */
export interface MetastoreHarness {
  /**
   * A new store instance on this harness's database, with its own connection(s), not yet opened.
   * Several calls give several instances sharing the database, as several gateway instances would.
   */
  newStore(): MetadataStore
  /** Every batch row, read with the author's own raw query (not through the store), in any order. */
  rawBatches(): Promise<RawBatchRow[]>
  /** Deletes a batch row with a raw statement, as a purge by another party would. */
  rawDeleteBatch(id: string): Promise<void>
  /**
   * Optional: overwrites one text column of a batch row with `text` by a raw statement, bypassing the
   * schema's checks (as a manual fix or a foreign tool might), to make a row the store cannot decode.
   * Suite cases that need it are skipped, saying so, when a harness lacks it.
   *
   * @example
   * ```ts
   * await harness.rawCorruptBatch?.(id, 'conf', '{not json')
   * ```
   */
  rawCorruptBatch?(id: string, column: CorruptibleColumn, text: string): Promise<void>
  /** Drops the database and releases everything the harness holds. */
  dispose(): Promise<void>
}

/** The batch columns {@link MetastoreHarness.rawCorruptBatch} can overwrite: the ones a store decodes. */
export type CorruptibleColumn = 'conf' | 'args' | 'state'

/** Makes a fresh harness (a new empty database) for each test. */
export type MetastoreHarnessFactory = () => Promise<MetastoreHarness>
