import Database from 'better-sqlite3'

/**
 * Writes a SQLite file with a `sales` table of `rows` rows and columns of the declared types the
 * executor maps, and returns its path.
 *
 * @example
 * ```ts
 * const file = writeSampleData(join(dir, 'data.db'), 10)
 * ```
 */
export function writeSampleData(file: string, rows: number): string {
  const db = new Database(file)
  try {
    db.exec(`create table sales (
      id integer primary key, region varchar(16), amount decimal(10,2), ratio real, paid boolean,
      day date, small smallint, payload blob, note text)`)
    const insert = db.prepare('insert into sales values (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    db.transaction(() => {
      for (let id = 1; id <= rows; id++) {
        insert.run(
          id,
          id % 2 === 0 ? 'north' : 'south',
          id * 1.25,
          id / 4,
          id % 3 === 0 ? 1 : 0,
          `2026-01-${String((id % 28) + 1).padStart(2, '0')}`,
          id % 100,
          Buffer.from([id % 256, 1]),
          null,
        )
      }
    })()
  } finally {
    db.close()
  }
  return file
}
