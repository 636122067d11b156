import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEngine, type Engine } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import { throughputRow, type BenchRow } from '../harness/bench-result.js'
import type { BenchSettings } from '../harness/bench-settings.js'
import { measurePair } from '../harness/measure.js'
import { BENCH_CONTEXT, BENCH_INSTANCE, benchRequest, benchRow } from './bench-request.js'
import { MIXED, MIXED_MODES, mixedContenders } from './mixed-workload.js'
import { openRawSqlite } from './raw-sqlite.js'

/** Ids submitted before the duplicate-path benchmark, then submitted again round-robin. */
const EXISTING_IDS = 1000

/**
 * `submit` on a SQLite file against better-sqlite3 on a second file with the same schema (migrated
 * by the store) and the same pragmas (WAL, synchronous FULL): a new id against a prepared INSERT of the
 * same row, an existing id against a prepared SELECT by primary key.
 */
export async function sqliteSubmitRows(settings: BenchSettings): Promise<BenchRow[]> {
  const directory = mkdtempSync(join(tmpdir(), 'batchgate-bench-'))
  try {
    const storeFile = join(directory, 'store.db')
    const rawFile = join(directory, 'raw.db')
    const schemaOnly = sqliteStore({ filename: rawFile })
    await schemaOnly.open()
    await schemaOnly.close()
    // One engine per lookup setting, each with its own connection to the file; the first is the default.
    const engines: Engine[] = []
    const raw = openRawSqlite(rawFile)
    try {
      for (const [lookupBeforeInsert] of MIXED_MODES) {
        const store = sqliteStore({ filename: storeFile })
        engines.push(await createEngine({ store, instanceId: BENCH_INSTANCE, lookupBeforeInsert }))
      }
      const [engine] = engines
      if (engine === undefined) throw new Error('no engine')
      const created = await measurePair(
        { name: 'submit new id', fn: () => engine.batches.submit(benchRequest(randomUUID()), BENCH_CONTEXT) },
        {
          name: 'raw INSERT',
          fn: () => {
            raw.insert(benchRow(randomUUID()))
          },
        },
        settings,
      )
      const ids = Array.from({ length: EXISTING_IDS }, () => randomUUID())
      for (const id of ids) {
        await engine.batches.submit(benchRequest(id), BENCH_CONTEXT)
        raw.insert(benchRow(id))
      }
      // The client's request exists before it calls submit, as the id does before the raw SELECT.
      const requests = ids.map(benchRequest)
      let next = 0
      let nextRaw = 0
      const duplicate = await measurePair(
        {
          name: 'submit existing id',
          fn: () => engine.batches.submit(requests[next++ % EXISTING_IDS] ?? benchRequest(''), BENCH_CONTEXT),
        },
        { name: 'raw SELECT by id', fn: () => raw.select(ids[nextRaw++ % EXISTING_IDS] ?? '') },
        settings,
      )
      const mixed: BenchRow[] = []
      for (const [index, [, mode]] of MIXED_MODES.entries()) {
        const [subject, baseline] = mixedContenders(engines[index] ?? engine, raw, ids)
        mixed.push(
          throughputRow(
            `submit ${MIXED} · SQLite file · 1 in flight${mode}`,
            await measurePair(subject, baseline, settings),
            'the same mix of better-sqlite3 INSERTs and SELECTs, each id given the one statement it needs',
          ),
        )
      }
      return [
        throughputRow(
          'submit new id · SQLite file · 1 in flight',
          created,
          'better-sqlite3 prepared INSERT of the same row, same pragmas',
          0.7,
        ),
        throughputRow(
          'submit existing id · SQLite file · 1 in flight',
          duplicate,
          'better-sqlite3 prepared SELECT * by primary key',
          0.5,
        ),
        ...mixed,
      ]
    } finally {
      raw.close()
      await Promise.all(engines.map((engine) => engine.close()))
    }
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
}
