/**
 * The status byte of a SASL negotiation message in Thrift's `TSaslTransport` (as HiveServer2, Java's
 * and Python's Thrift, and hive-driver speak it).
 */
export const SaslStatus = {
  START: 1,
  OK: 2,
  BAD: 3,
  ERROR: 4,
  COMPLETE: 5,
} as const

/** One of {@link SaslStatus}'s values. */
export type SaslStatus = (typeof SaslStatus)[keyof typeof SaslStatus]

/** A SASL message's header: the status byte and a 4-byte big-endian payload length. */
export const SASL_HEADER_BYTES = 5

/**
 * A SASL negotiation message: 1 status byte, the payload's length as a 4-byte big-endian integer, the
 * payload.
 *
 * @example
 * ```ts
 * socket.write(saslMessage(SaslStatus.COMPLETE))
 * ```
 */
export function saslMessage(status: SaslStatus, payload: Buffer | string = ''): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload
  const message = Buffer.allocUnsafe(SASL_HEADER_BYTES + body.length)
  message.writeUInt8(status, 0)
  message.writeUInt32BE(body.length, 1)
  body.copy(message, SASL_HEADER_BYTES)
  return message
}
