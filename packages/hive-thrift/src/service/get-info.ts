import { TGetInfoType, type Encodable, type TGetInfoValue } from '../protocol/tcliservice-types.js'
import type { TCLIServiceSettings } from './tcli-service-options.js'

/** The longest column, schema and table name HiveServer2 announces. */
const MAX_NAME_LENGTH = 128

/**
 * GetInfo's answer for `infoType`, as HiveServer2 answers (CLI_SERVER_NAME, CLI_DBMS_NAME, CLI_DBMS_VER
 * from the options; CLI_MAX_COLUMN_NAME_LEN, CLI_MAX_SCHEMA_NAME_LEN and CLI_MAX_TABLE_NAME_LEN 128;
 * CLI_ODBC_KEYWORDS `Unimplemented`, as Hive 3), or `undefined` for any other type: HiveServer2 refuses
 * those ("Unrecognized GetInfoType value").
 *
 * @example
 * ```ts
 * getInfoValue(TGetInfoType.CLI_DBMS_NAME, settings) // { stringValue: 'batchgate' }
 * ```
 */
export function getInfoValue(
  infoType: number,
  settings: TCLIServiceSettings,
): Encodable<TGetInfoValue> | undefined {
  switch (infoType) {
    case TGetInfoType.CLI_SERVER_NAME:
      return { stringValue: settings.serverName }
    case TGetInfoType.CLI_DBMS_NAME:
      return { stringValue: settings.dbmsName }
    case TGetInfoType.CLI_DBMS_VER:
      return { stringValue: settings.dbmsVersion }
    case TGetInfoType.CLI_MAX_COLUMN_NAME_LEN:
    case TGetInfoType.CLI_MAX_SCHEMA_NAME_LEN:
    case TGetInfoType.CLI_MAX_TABLE_NAME_LEN:
      return { lenValue: MAX_NAME_LENGTH }
    case TGetInfoType.CLI_ODBC_KEYWORDS:
      return { stringValue: 'Unimplemented' }
    default:
      return undefined
  }
}

/**
 * The name of a GetInfo type for messages: its `TGetInfoType` name, or the number for an unknown one.
 *
 * @example
 * ```ts
 * infoTypeName(46) // 'CLI_TXN_CAPABLE'
 * ```
 */
export function infoTypeName(infoType: number): string {
  for (const [name, value] of Object.entries(TGetInfoType)) if (value === infoType) return name
  return String(infoType)
}

/** The GetInfo types {@link getInfoValue} answers, for the refusal's message. */
export const ANSWERED_INFO_TYPES =
  'CLI_SERVER_NAME, CLI_DBMS_NAME, CLI_DBMS_VER, CLI_MAX_COLUMN_NAME_LEN, CLI_MAX_SCHEMA_NAME_LEN, CLI_MAX_TABLE_NAME_LEN, CLI_ODBC_KEYWORDS'
