import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEngine, type Engine, type EngineOptions } from '@batchgate/core'
import type { MetadataStore } from '@batchgate/core/store'
import { sqliteStore } from '@batchgate/store-sqlite'

/** An engine on a fresh SQLite file; `wrap` puts a fault injector around the real store. */
export function engineOnFile(
  options: Omit<EngineOptions, 'store'>,
  wrap: (store: MetadataStore) => MetadataStore = (store) => store,
): Promise<Engine> {
  const filename = join(mkdtempSync(join(tmpdir(), 'batchgate-diagnostics-')), 'batchgate.db')
  return createEngine({ ...options, store: wrap(sqliteStore({ filename })) })
}
