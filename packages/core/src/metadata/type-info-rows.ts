import { HiveType } from '../statement/hive-type.js'
import type { ResultRow } from '../statement/result-column.js'
import { HIVE_TYPE_FACTS, MAX_DECIMAL_PRECISION } from './hive-type-facts.js'
import { sortRows } from './row-order.js'

/** `DatabaseMetaData.typeNullable`: every Hive type holds NULL. */
const TYPE_NULLABLE = 1
/** `DatabaseMetaData.typePredNone` and `typeSearchable`. */
const PRED_NONE = 0
const SEARCHABLE = 3

/**
 * GetTypeInfo's rows: one per {@link HiveType}, in `METADATA_LAYOUTS.GET_TYPE_INFO`'s columns, ordered
 * by DATA_TYPE as JDBC asks (then by name).
 *
 * @example
 * ```ts
 * typeInfoRows().find((row) => row[0] === 'BIGINT')?.[1] // -5, java.sql.Types.BIGINT
 * ```
 */
export function typeInfoRows(): ResultRow[] {
  const rows = Object.values(HiveType).map((type): ResultRow => {
    const facts = HIVE_TYPE_FACTS[type]
    return [
      facts.typeName,
      facts.sqlType,
      facts.maxPrecision,
      facts.literalQuote,
      facts.literalQuote,
      facts.createParams,
      TYPE_NULLABLE,
      facts.caseSensitive,
      facts.complex ? PRED_NONE : SEARCHABLE,
      // HiveServer2 calls every type but the numbers unsigned: only a number can have a sign.
      !facts.numeric,
      false,
      false,
      null,
      0,
      type === HiveType.DECIMAL ? MAX_DECIMAL_PRECISION : 0,
      null,
      null,
      facts.numeric ? 10 : null,
    ]
  })
  return sortRows(rows, [1, 0])
}
