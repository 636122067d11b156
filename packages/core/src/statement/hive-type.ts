/**
 * Hive's column type names, as HiveServer2 and Kyuubi report them (`TTypeId` without `_TYPE`). A
 * {@link StatementExecutor} describes its result columns with them; the wire fronts map them to their
 * protocol's type ids.
 *
 * @example
 * ```ts
 * const columns: ResultColumn[] = [{ name: 'id', type: HiveType.BIGINT }, { name: 'name', type: HiveType.STRING }]
 * ```
 */
export const HiveType = {
  BOOLEAN: 'BOOLEAN',
  TINYINT: 'TINYINT',
  SMALLINT: 'SMALLINT',
  INT: 'INT',
  BIGINT: 'BIGINT',
  FLOAT: 'FLOAT',
  DOUBLE: 'DOUBLE',
  DECIMAL: 'DECIMAL',
  STRING: 'STRING',
  VARCHAR: 'VARCHAR',
  CHAR: 'CHAR',
  BINARY: 'BINARY',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
  INTERVAL_YEAR_MONTH: 'INTERVAL_YEAR_MONTH',
  INTERVAL_DAY_TIME: 'INTERVAL_DAY_TIME',
  ARRAY: 'ARRAY',
  MAP: 'MAP',
  STRUCT: 'STRUCT',
  NULL: 'NULL',
} as const

/** One of the {@link HiveType} names. */
export type HiveType = (typeof HiveType)[keyof typeof HiveType]

const HIVE_TYPES: ReadonlySet<unknown> = new Set(Object.values(HiveType))

/**
 * Whether `value` is one of the {@link HiveType} names.
 *
 * @example
 * ```ts
 * isHiveType('BIGINT') // true
 * isHiveType('bigint') // false
 * ```
 */
export function isHiveType(value: unknown): value is HiveType {
  return HIVE_TYPES.has(value)
}
