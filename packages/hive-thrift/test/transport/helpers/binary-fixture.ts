import type { Server } from 'node:net'
import {
  thriftBinaryServer,
  type ThriftBinaryServerOptions,
  type ThriftMessageProcessor,
  type ThriftPeer,
  type ThriftTransportError,
} from '../../../src/index.js'
import { listen } from './servers.js'

/** A binary server on a free port, with the errors it reported. */
export interface BinaryFixture {
  readonly server: Server
  readonly port: number
  readonly errors: { readonly error: ThriftTransportError; readonly peer: ThriftPeer }[]
  /** Resolves with the first reported error of this code. */
  errorWith(code: string): Promise<ThriftTransportError>
}

export async function startBinary(
  processor: ThriftMessageProcessor,
  options: ThriftBinaryServerOptions,
): Promise<BinaryFixture> {
  const errors: BinaryFixture['errors'] = []
  const listeners: (() => void)[] = []
  const server = thriftBinaryServer(processor, {
    ...options,
    onError: (error, peer) => {
      errors.push({ error, peer })
      for (const listener of listeners) listener()
    },
  })
  const port = await listen(server)
  return {
    server,
    port,
    errors,
    errorWith: (code) =>
      new Promise((resolve) => {
        const check = (): boolean => {
          const found = errors.find((entry) => entry.error.code === code)
          if (found !== undefined) resolve(found.error)
          return found !== undefined
        }
        if (!check()) listeners.push(check)
      }),
  }
}
