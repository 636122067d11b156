// Types only: this module runs in statement processes, which do not load core (see WorkerError).
import type { HiveType, ResultColumn } from '@batchgate/core'

/** A declared SQLite type split into its name and its `(precision, scale)`, e.g. `DECIMAL(10,2)`. */
interface DeclaredType {
  readonly name: string
  readonly precision: number | undefined
  readonly scale: number | undefined
}

const DECLARED_TYPE = /^([A-Z][A-Z0-9_ ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?$/

/** Declared names with an exact Hive counterpart (SQLite does not enforce them; values are checked). */
const NAMED_TYPES: Readonly<Record<string, HiveType>> = {
  BOOLEAN: 'BOOLEAN',
  BOOL: 'BOOLEAN',
  TINYINT: 'TINYINT',
  SMALLINT: 'SMALLINT',
  INT2: 'SMALLINT',
  INT: 'INT',
  INT4: 'INT',
  MEDIUMINT: 'INT',
  // SQLite's INTEGER is 64 bits wide (a rowid alias is one).
  INTEGER: 'BIGINT',
  BIGINT: 'BIGINT',
  INT8: 'BIGINT',
  // SQLite stores every floating-point value in 8 bytes, whatever the declaration.
  REAL: 'DOUBLE',
  DOUBLE: 'DOUBLE',
  'DOUBLE PRECISION': 'DOUBLE',
  FLOAT: 'DOUBLE',
  TEXT: 'STRING',
  CLOB: 'STRING',
  STRING: 'STRING',
  BLOB: 'BINARY',
  BINARY: 'BINARY',
  VARBINARY: 'BINARY',
  DATE: 'DATE',
  DATETIME: 'TIMESTAMP',
  TIMESTAMP: 'TIMESTAMP',
}

/**
 * The Hive column of a result column from its declared SQLite type (`null` for an expression) and,
 * when the declaration says nothing definite, from the column's value in the first row: SQLite types
 * values, not columns. A column without either (an expression that is NULL in the first row, or a
 * result without rows) is a STRING.
 *
 * @example
 * ```ts
 * hiveColumn('price', 'DECIMAL(10,2)', 3.25) // { name: 'price', type: 'DECIMAL', precision: 10, scale: 2 }
 * hiveColumn('n', null, 42n) // { name: 'n', type: 'BIGINT' }
 * ```
 */
export function hiveColumn(name: string, declared: string | null, firstValue: unknown): ResultColumn {
  const parsed = declared === null ? undefined : parseDeclared(declared)
  if (parsed !== undefined) {
    const fromDeclaration = declaredColumn(name, parsed)
    if (fromDeclaration !== undefined) return fromDeclaration
  }
  return { name, type: typeOfValue(firstValue) }
}

function parseDeclared(declared: string): DeclaredType | undefined {
  const match = DECLARED_TYPE.exec(declared.trim().toUpperCase().replace(/\s+/g, ' '))
  if (match === null) return undefined
  const [, name = '', precision, scale] = match
  return {
    name,
    precision: precision === undefined ? undefined : Number(precision),
    scale: scale === undefined ? undefined : Number(scale),
  }
}

function declaredColumn(name: string, declared: DeclaredType): ResultColumn | undefined {
  const { precision, scale } = declared
  if ((declared.name === 'DECIMAL' || declared.name === 'NUMERIC') && precision !== undefined) {
    return { name, type: 'DECIMAL', precision, scale: scale ?? 0 }
  }
  if (/^(VAR|NATIVE |NATIONAL |N)?(VARYING )?CHAR(ACTER)?( VARYING)?$|^NVARCHAR$/.test(declared.name)) {
    if (precision === undefined) return { name, type: 'STRING' }
    return { name, type: declared.name.includes('VAR') ? 'VARCHAR' : 'CHAR', precision }
  }
  const named = NAMED_TYPES[declared.name]
  if (named !== undefined) return { name, type: named }
  return affinityColumn(name, declared.name)
}

/** SQLite's own affinity rules (https://sqlite.org/datatype3.html#determination_of_column_affinity). */
function affinityColumn(name: string, declaredName: string): ResultColumn | undefined {
  if (declaredName.includes('INT')) return { name, type: 'BIGINT' }
  if (/CHAR|CLOB|TEXT/.test(declaredName)) return { name, type: 'STRING' }
  if (declaredName.includes('BLOB')) return { name, type: 'BINARY' }
  if (/REAL|FLOA|DOUB/.test(declaredName)) return { name, type: 'DOUBLE' }
  // NUMERIC affinity (or none): the values decide.
  return undefined
}

function typeOfValue(value: unknown): HiveType {
  if (typeof value === 'bigint') return 'BIGINT'
  if (typeof value === 'number') return 'DOUBLE'
  if (value instanceof Uint8Array) return 'BINARY'
  return 'STRING'
}
