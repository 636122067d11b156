import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  createEngine,
  cursorFromArray,
  FetchOrientation,
  HiveType,
  type StatementCatalog,
  type StatementResult,
} from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'

/** The README's stand-ins: a store on a temporary file, a statement runner, the caller. */
const store = sqliteStore({
  filename: join(mkdtempSync(join(tmpdir(), 'batchgate-readme-')), 'batchgate.db'),
})
const runStatement = (): Promise<StatementResult> =>
  Promise.resolve({ columns: [{ name: 'n', type: HiveType.INT }], cursor: cursorFromArray([[1]]) })
const alice = { user: 'alice' }

describe("the core README's metadata example", () => {
  it('runs as written', async () => {
    // --- the README's example ---
    const catalog: StatementCatalog = {
      // Each call gets { user, sessionConf, signal }; a rejection fails the operation with its message.
      schemas: () => Promise.resolve([{ name: 'main' }]),
      tables: () =>
        Promise.resolve([{ schema: 'main', name: 'orders', type: 'TABLE', comment: 'per order' }]),
      // Only the tables the GetColumns call matched.
      columns: (tables) =>
        Promise.resolve(
          tables.flatMap(({ schema, name: table }) => [
            { schema, table, name: 'id', type: HiveType.BIGINT, nullable: false },
            { schema, table, name: 'price', type: HiveType.DECIMAL, precision: 10, scale: 2 },
          ]),
        ),
      functions: () => Promise.resolve([{ name: 'upper', comment: 'upper(str)' }]), // optional
    }
    const engine = await createEngine({ store, statementExecutor: { execute: runStatement, catalog } })
    const session = await engine.sessions.open({}, alice)
    const handle = await engine.sessions.executeMetadata(
      session.handle,
      { kind: 'GET_COLUMNS', schemaPattern: 'main', tableNamePattern: 'ord%' },
      alice,
    )
    const names = engine.operations.resultMetadata(handle, alice).map((c) => c.name) // ['TABLE_CAT', 'TABLE_SCHEM', …]
    const { rows } = await engine.operations.fetch(
      handle,
      FetchOrientation.FETCH_NEXT,
      1000,
      undefined,
      alice,
    )
    const described = rows.map((row) => [row[3], row[5]]) // [['id', 'BIGINT'], ['price', 'DECIMAL']]
    // --- end of the example ---
    try {
      expect(names.slice(0, 2)).toEqual(['TABLE_CAT', 'TABLE_SCHEM'])
      expect(described).toEqual([
        ['id', 'BIGINT'],
        ['price', 'DECIMAL'],
      ])
    } finally {
      await engine.close()
    }
  })
})
