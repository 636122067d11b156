import { HiveType, type ResultColumn } from '@batchgate/core'

/**
 * One column in Kyuubi's `ColumnDesc`.
 *
 * @example
 * ```ts
 * const id: ColumnDescDto = { columnName: 'id', dataType: 'BIGINT_TYPE', columnIndex: 0, precision: 0, scale: 0, comment: '' }
 * ```
 */
export interface ColumnDescDto {
  readonly columnName: string
  /** Hive's `TTypeId` name: `INT_TYPE`, `STRING_TYPE`, `DECIMAL_TYPE`, … */
  readonly dataType: string
  /** 0-based, as Kyuubi's Spark engine numbers columns. */
  readonly columnIndex: number
  /** A DECIMAL's precision, else 0 (Kyuubi reads only the `precision` type qualifier). */
  readonly precision: number
  readonly scale: number
  /** The column's comment, `''` without one. */
  readonly comment: string
}

/**
 * Kyuubi's `ResultSetMetaData` (`GET /operations/{handle}/resultsetmetadata`).
 *
 * @example
 * ```ts
 * resultMetadataDto([{ name: 'id', type: HiveType.BIGINT }])
 * // { columns: [{ columnName: 'id', dataType: 'BIGINT_TYPE', columnIndex: 0, precision: 0, scale: 0, comment: '' }] }
 * ```
 */
export function resultMetadataDto(columns: readonly ResultColumn[]): { columns: ColumnDescDto[] } {
  return {
    columns: columns.map((column, index) => {
      const decimal = column.type === HiveType.DECIMAL
      return {
        columnName: column.name,
        dataType: `${column.type}_TYPE`,
        columnIndex: index,
        precision: decimal ? (column.precision ?? 0) : 0,
        scale: decimal ? (column.scale ?? 0) : 0,
        comment: column.comment ?? '',
      }
    }),
  }
}
