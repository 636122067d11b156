import { TProtocolVersion } from '../protocol/tcliservice-types.js'

/** The newest protocol this server speaks: V10, HiveServer2 2.3's (Spark's thrift server). */
export const SERVER_PROTOCOL = TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10

/** From V6 on, results travel as columns (`TRowSet.columns`); before, as rows. */
export const FIRST_COLUMNAR_PROTOCOL = TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V6

/**
 * The protocol a session speaks: the lower of the client's and {@link SERVER_PROTOCOL}, as HiveServer2's
 * OpenSession negotiates it (a client newer than V10 gets V10); `undefined` for a value that is no
 * version (negative, not an integer).
 *
 * @example
 * ```ts
 * negotiateProtocol(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V11) // V10
 * negotiateProtocol(TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V5) // V5
 * ```
 */
export function negotiateProtocol(client: number): TProtocolVersion | undefined {
  if (!Number.isSafeInteger(client) || client < TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V1)
    return undefined
  return Math.min(client, SERVER_PROTOCOL) as TProtocolVersion
}
