import { connect, type Socket } from 'node:net'
import {
  decodeReply,
  encodeCall,
  messageLength,
  type ServedMethods,
  type ThriftReply,
} from '@batchgate/hive-thrift'

/**
 * A NOSASL (unframed TBinaryProtocol) TCLIService client on a plain TCP socket: one call at a time,
 * each reply read until it is whole.
 */
export interface RawThriftClient {
  call<M extends keyof ServedMethods>(
    method: M,
    request: Parameters<typeof encodeCall<M>>[2],
  ): Promise<ThriftReply>
  close(): void
}

/**
 * Connects to a `thriftBinaryServer` on 127.0.0.1 that accepts NOSASL (`thriftNoAuth()`).
 *
 * @example
 * ```ts
 * const client = await rawThriftClient(port)
 * const reply = await client.call('OpenSession', { client_protocol: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10 })
 * ```
 */
export async function rawThriftClient(port: number): Promise<RawThriftClient> {
  const socket: Socket = connect(port, '127.0.0.1')
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  let seqid = 0
  return {
    call(method, request) {
      socket.write(encodeCall(method, ++seqid, request))
      return new Promise((resolve, reject) => {
        let received = Buffer.alloc(0)
        const onData = (chunk: Buffer): void => {
          received = Buffer.concat([received, chunk])
          const length = messageLength(received)
          if (length === undefined) return
          socket.off('data', onData)
          socket.off('close', onClose)
          resolve(decodeReply(received.subarray(0, length)))
        }
        const onClose = (): void => {
          reject(new Error(`the connection closed before ${method} was answered`))
        }
        socket.on('data', onData)
        socket.once('close', onClose)
      })
    },
    close() {
      socket.destroy()
    },
  }
}
