import Database from 'better-sqlite3'

/** What the raw read-back sees of a batch row: straight from the file, not through the store. */
export interface RawBatchRow {
  id: string
  owner: string
  state: string
  create_time: number
  start_time: number | null
  end_time: number | null
  diagnostic: string | null
  created_by: string
  conf: string
  args: string
}

/**
 * Reads the file with its own better-sqlite3 connection, so assertions do not trust the code under test.
 */
export function readRawBatches(filename: string): RawBatchRow[] {
  const database = new Database(filename, { readonly: true, fileMustExist: true })
  try {
    return database.prepare('select * from batchgate_batch order by id').all() as RawBatchRow[]
  } finally {
    database.close()
  }
}

/** How many batch rows the file holds, per id. */
export function countRowsById(filename: string): Map<string, number> {
  const database = new Database(filename, { readonly: true, fileMustExist: true })
  try {
    const rows = database.prepare('select id, count(*) as n from batchgate_batch group by id').all() as {
      id: string
      n: number
    }[]
    return new Map(rows.map((row) => [row.id, row.n]))
  } finally {
    database.close()
  }
}
