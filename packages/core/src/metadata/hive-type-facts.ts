import { HiveType } from '../statement/hive-type.js'

/** `java.sql.Types` codes, as JDBC's `DatabaseMetaData` reports a type. */
export const JavaSqlType = {
  NULL: 0,
  BOOLEAN: 16,
  TINYINT: -6,
  SMALLINT: 5,
  INTEGER: 4,
  BIGINT: -5,
  FLOAT: 6,
  DOUBLE: 8,
  DECIMAL: 3,
  CHAR: 1,
  VARCHAR: 12,
  BINARY: -2,
  DATE: 91,
  TIMESTAMP: 93,
  OTHER: 1111,
  JAVA_OBJECT: 2000,
  STRUCT: 2002,
  ARRAY: 2003,
} as const

/** What GetTypeInfo and GetColumns say about one {@link HiveType}. */
export interface HiveTypeFacts {
  /** Hive's name for it (`VOID` for NULL, as HiveServer2 names it). */
  readonly typeName: string
  /** Its `java.sql.Types` code, HiveServer2's mapping. */
  readonly sqlType: number
  /** The largest precision of a number (digits), or the longest CHAR/VARCHAR; `null` elsewhere. */
  readonly maxPrecision: number | null
  readonly numeric: boolean
  /** ARRAY, MAP and STRUCT cannot be compared in a WHERE clause. */
  readonly complex: boolean
  /** Whether values compare case-sensitively (the character types). */
  readonly caseSensitive: boolean
  /** How a literal is quoted, for the character types. */
  readonly literalQuote: string | null
  /** What a declaration takes in parentheses. */
  readonly createParams: string | null
}

/** Hive's largest DECIMAL precision (and scale). */
export const MAX_DECIMAL_PRECISION = 38

const NUMBER = { numeric: true, complex: false, caseSensitive: false, literalQuote: null, createParams: null }
const PLAIN = { maxPrecision: null, ...NUMBER, numeric: false }
const TEXT = { ...PLAIN, caseSensitive: true, literalQuote: "'" }
const COMPLEX = { ...PLAIN, complex: true }

/**
 * The facts of every {@link HiveType}, from HiveServer2's type table (`java.sql.Types` codes, precisions)
 * with what it leaves out filled in truly (VARCHAR's and CHAR's longest lengths, DECIMAL's parameters).
 */
export const HIVE_TYPE_FACTS: Readonly<Record<HiveType, HiveTypeFacts>> = {
  BOOLEAN: { ...PLAIN, typeName: 'BOOLEAN', sqlType: JavaSqlType.BOOLEAN },
  TINYINT: { ...NUMBER, typeName: 'TINYINT', sqlType: JavaSqlType.TINYINT, maxPrecision: 3 },
  SMALLINT: { ...NUMBER, typeName: 'SMALLINT', sqlType: JavaSqlType.SMALLINT, maxPrecision: 5 },
  INT: { ...NUMBER, typeName: 'INT', sqlType: JavaSqlType.INTEGER, maxPrecision: 10 },
  BIGINT: { ...NUMBER, typeName: 'BIGINT', sqlType: JavaSqlType.BIGINT, maxPrecision: 19 },
  FLOAT: { ...NUMBER, typeName: 'FLOAT', sqlType: JavaSqlType.FLOAT, maxPrecision: 7 },
  DOUBLE: { ...NUMBER, typeName: 'DOUBLE', sqlType: JavaSqlType.DOUBLE, maxPrecision: 15 },
  DECIMAL: {
    ...NUMBER,
    typeName: 'DECIMAL',
    sqlType: JavaSqlType.DECIMAL,
    maxPrecision: MAX_DECIMAL_PRECISION,
    createParams: 'precision,scale',
  },
  STRING: { ...TEXT, typeName: 'STRING', sqlType: JavaSqlType.VARCHAR },
  VARCHAR: {
    ...TEXT,
    typeName: 'VARCHAR',
    sqlType: JavaSqlType.VARCHAR,
    maxPrecision: 65_535,
    createParams: 'length',
  },
  CHAR: { ...TEXT, typeName: 'CHAR', sqlType: JavaSqlType.CHAR, maxPrecision: 255, createParams: 'length' },
  BINARY: { ...PLAIN, typeName: 'BINARY', sqlType: JavaSqlType.BINARY },
  DATE: { ...PLAIN, typeName: 'DATE', sqlType: JavaSqlType.DATE },
  TIMESTAMP: { ...PLAIN, typeName: 'TIMESTAMP', sqlType: JavaSqlType.TIMESTAMP },
  INTERVAL_YEAR_MONTH: { ...PLAIN, typeName: 'INTERVAL_YEAR_MONTH', sqlType: JavaSqlType.OTHER },
  INTERVAL_DAY_TIME: { ...PLAIN, typeName: 'INTERVAL_DAY_TIME', sqlType: JavaSqlType.OTHER },
  ARRAY: { ...COMPLEX, typeName: 'ARRAY', sqlType: JavaSqlType.ARRAY },
  MAP: { ...COMPLEX, typeName: 'MAP', sqlType: JavaSqlType.JAVA_OBJECT },
  STRUCT: { ...COMPLEX, typeName: 'STRUCT', sqlType: JavaSqlType.STRUCT },
  NULL: { ...PLAIN, typeName: 'VOID', sqlType: JavaSqlType.NULL },
}

/** `Integer.MAX_VALUE`: the size HiveServer2 gives a STRING or BINARY column, which has no bound. */
const UNBOUNDED = 2_147_483_647

/** COLUMN_SIZE of the types whose size does not depend on the column. */
const FIXED_SIZES: Partial<Record<HiveType, number>> = {
  STRING: UNBOUNDED,
  BINARY: UNBOUNDED,
  DATE: 10,
  TIMESTAMP: 29,
}

/** DECIMAL_DIGITS of the types whose digits do not depend on the column. */
const FIXED_DIGITS: Partial<Record<HiveType, number>> = {
  BOOLEAN: 0,
  TINYINT: 0,
  SMALLINT: 0,
  INT: 0,
  BIGINT: 0,
  FLOAT: 7,
  DOUBLE: 15,
  TIMESTAMP: 9,
}

/**
 * JDBC's COLUMN_SIZE of a column: a number's precision (a DECIMAL's own, Hive's default 10 without
 * one), a CHAR's or VARCHAR's length, the characters of a DATE (10) or TIMESTAMP (29, to nanoseconds),
 * `Integer.MAX_VALUE` for STRING and BINARY; `null` where it does not apply.
 *
 * @example
 * ```ts
 * columnSize(HiveType.DECIMAL, 10) // 10
 * columnSize(HiveType.DATE, undefined) // 10
 * ```
 */
export function columnSize(type: HiveType, precision: number | undefined): number | null {
  if (type === HiveType.DECIMAL) return precision ?? 10
  if (type === HiveType.CHAR || type === HiveType.VARCHAR) return precision ?? null
  const facts = HIVE_TYPE_FACTS[type]
  return FIXED_SIZES[type] ?? (facts.numeric ? facts.maxPrecision : null)
}

/**
 * JDBC's DECIMAL_DIGITS of a column: 0 for integers and BOOLEAN, FLOAT's 7 and DOUBLE's 15 (as
 * HiveServer2 reports them), a DECIMAL's scale (0 without one), TIMESTAMP's 9; `null` elsewhere.
 *
 * @example
 * ```ts
 * decimalDigits(HiveType.DECIMAL, 2) // 2
 * ```
 */
export function decimalDigits(type: HiveType, scale: number | undefined): number | null {
  if (type === HiveType.DECIMAL) return scale ?? 0
  return FIXED_DIGITS[type] ?? null
}
