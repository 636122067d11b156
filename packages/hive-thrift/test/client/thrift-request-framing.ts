import { FETCH_ORIENTATIONS } from '@batchgate/core'
import { httpFraming, type FramedRequest, type RequestFraming } from '@batchgate/testkit'
import { decodeCall, messageLength } from '../../src/protocol/index.js'

/** What a Thrift call is, for the proxy's log: its method, and a FetchResults call's orientation. */
function describeCall(message: Buffer): Omit<FramedRequest, 'length'> {
  const call = decodeCall(message)
  const orientation =
    call.served && call.method === 'FetchResults' ? FETCH_ORIENTATIONS[call.args.orientation] : undefined
  return { path: call.method, orientation }
}

/**
 * Request boundaries on HiveServer2's binary port, for `startFaultProxy`: a connection that starts with
 * a SASL `START` (0x01) carries two negotiation messages (PLAIN's `START` and `OK`, logged as
 * `sasl:START`, `sasl:OK`) and then 4-byte framed messages; one that starts otherwise carries unframed
 * NOSASL messages, whose end the codec's `messageLength` finds.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy(port, faultFor, { framing: thriftBinaryFraming() })
 * ```
 */
export function thriftBinaryFraming(): RequestFraming {
  return () => {
    let mode: 'sasl' | 'nosasl' | undefined
    let saslSteps = 0
    return (received) => {
      if (received.length === 0) return undefined
      mode ??= received[0] === 0x01 ? 'sasl' : 'nosasl'
      if (mode === 'nosasl') {
        const length = messageLength(received)
        return length === undefined ? undefined : { length, ...describeCall(received.subarray(0, length)) }
      }
      if (saslSteps < 2) {
        if (received.length < 5) return undefined
        const length = 5 + received.readUInt32BE(1)
        if (received.length < length) return undefined
        return { length, path: saslSteps++ === 0 ? 'sasl:START' : 'sasl:OK', orientation: undefined }
      }
      if (received.length < 4) return undefined
      const length = 4 + received.readInt32BE(0)
      if (received.length < length) return undefined
      return { length, ...describeCall(received.subarray(4, length)) }
    }
  }
}

/**
 * Request boundaries of Thrift over HTTP (`POST /cliservice`, the body one message), for
 * `startFaultProxy`: each logged with the call's method and orientation.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy(port, faultFor, { framing: thriftHttpFraming() })
 * ```
 */
export function thriftHttpFraming(): RequestFraming {
  return httpFraming((_path, body) => describeCall(body).orientation)
}
