/// <reference types="node" preserve="true" />
import type { Socket } from 'node:net'
import { BatchgateError, ErrorCode } from '@batchgate/core'
import { SASL_HEADER_BYTES, SaslStatus, saslMessage } from '../transport/binary/sasl-message.js'
import { HiveThriftRequestError } from './hive-thrift-request-error.js'
import { quoteServerText } from './quote-server-text.js'
import type { SocketReader, UnitLength } from './socket-reader.js'

/** The largest negotiation message accepted from a server: PLAIN's answers are empty or a short message. */
const MAX_SASL_PAYLOAD_BYTES = 64 * 1024

/** The length of the server's next negotiation message, bounded. */
const saslMessageLength: UnitLength = (received) => {
  if (received.length < SASL_HEADER_BYTES) return undefined
  const status = received.readUInt8(0)
  const length = received.readUInt32BE(1)
  if (status < SaslStatus.START || status > SaslStatus.COMPLETE || length > MAX_SASL_PAYLOAD_BYTES) {
    throw new BatchgateError(
      ErrorCode.SOURCE_FAILED,
      `the server's answer to SASL PLAIN is not a SASL negotiation message (status byte ${status}, length ${length}): ` +
        'is it a HiveServer2 binary port, and does it use SASL (not NOSASL)?',
    )
  }
  return SASL_HEADER_BYTES + length
}

/**
 * The client side of SASL PLAIN as HiveServer2 speaks it on its binary port (Thrift's `TSaslTransport`):
 * `START` with the mechanism name, `OK` with `authzid NUL user NUL password` (an empty authzid: act as
 * oneself, as Hive's JDBC driver sends it), then the server's `COMPLETE`. A `BAD` or `ERROR` answer is a
 * {@link HiveThriftRequestError} `PERMISSION_DENIED` quoting the server's message (any occurrence of the
 * password in it masked); anything else is `SOURCE_FAILED`. After `COMPLETE` every Thrift message goes in
 * a 4-byte length frame. A broken connection rejects with the socket's error.
 *
 * @example
 * ```ts
 * await saslPlainHandshake(socket, new SocketReader(socket), { user: 'alice', password })
 * ```
 */
export async function saslPlainHandshake(
  socket: Socket,
  reader: SocketReader,
  credentials: { readonly user: string; readonly password: string },
): Promise<void> {
  const { user, password } = credentials
  const response = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(user, 'utf8'),
    Buffer.from([0]),
    Buffer.from(password, 'utf8'),
  ])
  socket.write(
    Buffer.concat([
      saslMessage(SaslStatus.START, Buffer.from('PLAIN')),
      saslMessage(SaslStatus.OK, response),
    ]),
  )
  response.fill(0)
  const answer = await reader.read(saslMessageLength)
  const status = answer.readUInt8(0)
  if (status === SaslStatus.COMPLETE) return
  const said = quoteServerText(answer.subarray(SASL_HEADER_BYTES).toString('utf8'), password)
  if (status === SaslStatus.BAD || status === SaslStatus.ERROR) {
    throw new HiveThriftRequestError(
      ErrorCode.PERMISSION_DENIED,
      `the server refused the credentials of user ${JSON.stringify(user)} (SASL ${status === SaslStatus.BAD ? 'BAD' : 'ERROR'}): ${said === '' ? 'no message' : said}`,
      { serverMessage: said },
    )
  }
  throw new BatchgateError(
    ErrorCode.SOURCE_FAILED,
    `the server answered SASL PLAIN's credentials with status ${status}, not COMPLETE: PLAIN has a single round`,
  )
}
