import { HiveType } from '../statement/hive-type.js'
import type { ResultColumn } from '../statement/result-column.js'
import type { MetadataKind } from './metadata-request.js'

function column(name: string, type: HiveType, comment: string): ResultColumn {
  return Object.freeze({ name, type, comment })
}

const text = (name: string, comment: string): ResultColumn => column(name, HiveType.STRING, comment)
const int = (name: string, comment: string): ResultColumn => column(name, HiveType.INT, comment)
const small = (name: string, comment: string): ResultColumn => column(name, HiveType.SMALLINT, comment)
const flag = (name: string, comment: string): ResultColumn => column(name, HiveType.BOOLEAN, comment)

/**
 * The result columns of each metadata call: JDBC's `DatabaseMetaData` columns with the names and Hive
 * types HiveServer2 gives them, in its order, so a JDBC or ODBC driver reads them by name or position.
 *
 * @example
 * ```ts
 * METADATA_LAYOUTS.GET_SCHEMAS.map((c) => c.name) // ['TABLE_SCHEM', 'TABLE_CATALOG']
 * ```
 */
export const METADATA_LAYOUTS: Readonly<Record<MetadataKind, readonly ResultColumn[]>> = {
  GET_TYPE_INFO: Object.freeze([
    text('TYPE_NAME', 'the type name'),
    int('DATA_TYPE', 'its java.sql.Types code'),
    int('PRECISION', 'its largest precision or length'),
    text('LITERAL_PREFIX', 'what opens a literal of it (may be null)'),
    text('LITERAL_SUFFIX', 'what closes a literal of it (may be null)'),
    text('CREATE_PARAMS', 'what a declaration takes in parentheses (may be null)'),
    small('NULLABLE', 'whether it holds NULL (DatabaseMetaData.typeNullable)'),
    flag('CASE_SENSITIVE', 'whether values compare case-sensitively'),
    small('SEARCHABLE', 'how a WHERE clause may use it (DatabaseMetaData.typeSearchable…)'),
    flag('UNSIGNED_ATTRIBUTE', 'whether it is unsigned'),
    flag('FIXED_PREC_SCALE', 'whether it is a money type'),
    flag('AUTO_INCREMENT', 'whether it can count by itself'),
    text('LOCAL_TYPE_NAME', 'a localized name (may be null)'),
    small('MINIMUM_SCALE', 'its smallest scale'),
    small('MAXIMUM_SCALE', 'its largest scale'),
    int('SQL_DATA_TYPE', 'unused'),
    int('SQL_DATETIME_SUB', 'unused'),
    int('NUM_PREC_RADIX', 'the radix of its precision (10), null for non-numbers'),
  ]),
  GET_CATALOGS: Object.freeze([text('TABLE_CAT', 'the catalog name')]),
  GET_SCHEMAS: Object.freeze([text('TABLE_SCHEM', 'the schema name'), text('TABLE_CATALOG', 'its catalog')]),
  GET_TABLES: Object.freeze([
    text('TABLE_CAT', 'the catalog name (empty when there is none)'),
    text('TABLE_SCHEM', 'the schema name'),
    text('TABLE_NAME', 'the table name'),
    text('TABLE_TYPE', 'TABLE, VIEW, …'),
    text('REMARKS', 'its comment'),
    text('TYPE_CAT', 'the catalog of its type (typed tables only)'),
    text('TYPE_SCHEM', 'the schema of its type (typed tables only)'),
    text('TYPE_NAME', 'its type (typed tables only)'),
    text('SELF_REFERENCING_COL_NAME', 'the identifier column of a typed table'),
    text('REF_GENERATION', 'how the identifier column is filled'),
  ]),
  GET_TABLE_TYPES: Object.freeze([text('TABLE_TYPE', 'a table type')]),
  GET_COLUMNS: Object.freeze([
    text('TABLE_CAT', 'the catalog name (null when there is none)'),
    text('TABLE_SCHEM', 'the schema name'),
    text('TABLE_NAME', 'the table name'),
    text('COLUMN_NAME', 'the column name'),
    int('DATA_TYPE', 'its java.sql.Types code'),
    text('TYPE_NAME', 'its Hive type name'),
    int('COLUMN_SIZE', 'a number’s precision, a text’s length in characters'),
    column('BUFFER_LENGTH', HiveType.TINYINT, 'unused'),
    int('DECIMAL_DIGITS', 'its fractional digits'),
    int('NUM_PREC_RADIX', 'the radix of its size (10)'),
    int('NULLABLE', 'whether it holds NULL (DatabaseMetaData.columnNullable…)'),
    text('REMARKS', 'its comment'),
    text('COLUMN_DEF', 'its default value'),
    int('SQL_DATA_TYPE', 'unused'),
    int('SQL_DATETIME_SUB', 'unused'),
    int('CHAR_OCTET_LENGTH', 'the most bytes of a character column'),
    int('ORDINAL_POSITION', 'its place in its table, from 1'),
    text('IS_NULLABLE', 'YES, NO or empty (unknown)'),
    text('SCOPE_CATALOG', 'for a REF column: the catalog of its table'),
    text('SCOPE_SCHEMA', 'for a REF column: the schema of its table'),
    text('SCOPE_TABLE', 'for a REF column: its table'),
    small('SOURCE_DATA_TYPE', 'for a distinct type: the java.sql.Types code of its source'),
    text('IS_AUTO_INCREMENT', 'YES, NO or empty (unknown)'),
  ]),
  GET_FUNCTIONS: Object.freeze([
    text('FUNCTION_CAT', 'the catalog name (may be null)'),
    text('FUNCTION_SCHEM', 'the schema name (may be null)'),
    text('FUNCTION_NAME', 'the name it is called by'),
    text('REMARKS', 'what it does'),
    int('FUNCTION_TYPE', 'DatabaseMetaData.functionNoTable (1) or functionReturnsTable (2)'),
    text('SPECIFIC_NAME', 'the name that tells its overloads apart'),
  ]),
}
