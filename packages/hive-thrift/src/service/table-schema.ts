import { HiveType, type ResultColumn } from '@batchgate/core'
import {
  TTypeId,
  type TColumnDesc,
  type TTableSchema,
  type TTypeQualifiers,
} from '../protocol/tcliservice-types.js'

/**
 * The `TTableSchema` of a result, as GetResultSetMetadata answers it: per column its name, a
 * `TTypeDesc` of one `TPrimitiveTypeEntry` (HiveServer2 describes ARRAY, MAP and STRUCT columns by
 * their type id alone too), its 1-based position and its comment (`''` without one). A DECIMAL carries
 * the `precision` and `scale` type qualifiers, a VARCHAR or CHAR `characterMaximumLength` (core's
 * `precision` of the column), when core gives them.
 *
 * @example
 * ```ts
 * tableSchema([{ name: 'price', type: HiveType.DECIMAL, precision: 10, scale: 2 }])
 * // { columns: [{ columnName: 'price', position: 1, comment: '', typeDesc: { types: [{ primitiveEntry:
 * //   { type: TTypeId.DECIMAL_TYPE, typeQualifiers: { qualifiers: { precision: { i32Value: 10 }, scale: { i32Value: 2 } } } } }] } }] }
 * ```
 */
export function tableSchema(columns: readonly ResultColumn[]): TTableSchema {
  return { columns: columns.map(columnDesc) }
}

function columnDesc(column: ResultColumn, index: number): TColumnDesc {
  const qualifiers = qualifiersOf(column)
  return {
    columnName: column.name,
    typeDesc: {
      types: [
        {
          primitiveEntry:
            qualifiers === undefined
              ? { type: typeIdOf(column.type) }
              : { type: typeIdOf(column.type), typeQualifiers: qualifiers },
        },
      ],
    },
    position: index + 1,
    comment: column.comment ?? '',
  }
}

function qualifiersOf(column: ResultColumn): TTypeQualifiers | undefined {
  const { precision, scale } = column
  if (column.type === HiveType.DECIMAL && precision !== undefined) {
    return {
      qualifiers: { precision: { i32Value: precision }, scale: { i32Value: scale ?? 0 } },
    }
  }
  if ((column.type === HiveType.VARCHAR || column.type === HiveType.CHAR) && precision !== undefined) {
    return { qualifiers: { characterMaximumLength: { i32Value: precision } } }
  }
  return undefined
}

/** Hive's type id of a core type: the same name with `_TYPE`. */
function typeIdOf(type: HiveType): TTypeId {
  return TTypeId[`${type}_TYPE`]
}
