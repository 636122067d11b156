import { once } from 'node:events'
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo, Server } from 'node:net'
import {
  createEngine,
  cursorFromArray,
  cursorFromIterable,
  FetchOrientation,
  HiveType,
  StatementError,
  type Engine,
  type EngineOptions,
  type Logger,
  type ResultRow,
  type StatementExecutor,
  type StatementResult,
} from '@batchgate/core'
import {
  tcliService,
  thriftBinaryServer,
  thriftHttpHandler,
  thriftNoAuth,
  thriftPasswordAuth,
  type HiveThriftEngine,
  type ThriftAuthenticate,
  type ThriftMessageProcessor,
} from '@batchgate/hive-thrift'

export const USER = 'alice'
export const PASSWORD = 'pa55-w0rd'

/** Row `index` of `rows N`: a BIGINT and a STRING. */
export function rowOf(index: number): ResultRow {
  return [BigInt(index), `row ${index}`]
}

/**
 * A real {@link StatementExecutor} for the client tests: `rows N` streams rows 0 … N-1 of (BIGINT id,
 * STRING name) from a generator, keeping only a small scrollback window (as a large result would);
 * `forward N` serves the same rows on a cursor that serves only FETCH_NEXT, as an old server's.
 *
 * @example
 * ```ts
 * await createEngine({ store, statementExecutor: clientTestExecutor() })
 * ```
 */
export function clientTestExecutor(): StatementExecutor {
  return {
    execute(statement: string): Promise<StatementResult> {
      const match = /^(rows|forward) (\d+)$/.exec(statement.trim())
      if (match === null) {
        return Promise.reject(new StatementError(`unknown statement: ${statement}`, { sqlState: '42000' }))
      }
      const count = Number(match[2])
      const columns = [
        { name: 'id', type: HiveType.BIGINT },
        { name: 'name', type: HiveType.STRING },
      ]
      if (match[1] === 'forward') {
        const rows = Array.from({ length: count }, (_, index) => rowOf(index))
        return Promise.resolve({
          columns,
          cursor: cursorFromArray(rows, { orientations: [FetchOrientation.FETCH_NEXT] }),
        })
      }
      function* generate(): Generator<ResultRow> {
        for (let index = 0; index < count; index++) yield rowOf(index)
      }
      return Promise.resolve({ columns, cursor: cursorFromIterable(generate, { scrollbackRows: 64 }) })
    },
  }
}

/** An engine served by `tcliService` on a binary port (SASL PLAIN and NOSASL) and an HTTP port. */
export interface ThriftTestServer {
  readonly engine: Engine
  readonly binaryPort: number
  readonly httpPort: number
  /** Closes both servers (and their connections), the service, then the engine. */
  close(): Promise<void>
}

/** Options of {@link startThriftTestServer}. */
export interface ThriftTestServerOptions {
  /** A fault injector around the real service (default: none). */
  readonly wrap?: ((processor: ThriftMessageProcessor) => ThriftMessageProcessor) | undefined
  /**
   * `password` (default): {@link USER} / {@link PASSWORD} only, NOSASL refused; `none`: anyone, NOSASL
   * too; or the host's own `ThriftAuthenticate`.
   */
  readonly auth?: 'password' | 'none' | ThriftAuthenticate | undefined
  /** The service's and both transports' logger (default: their quiet default). */
  readonly logger?: Logger | undefined
  /** A fault injector around the real engine, as the service sees it (default: none). */
  readonly wrapEngine?: ((engine: Engine) => HiveThriftEngine) | undefined
}

/**
 * Starts a real engine (`engineOptions`), `tcliService` over it, wrapped by `wrap`, served by
 * `thriftBinaryServer` and `thriftHttpHandler` on 127.0.0.1, ports 0.
 *
 * @example
 * ```ts
 * const server = await startThriftTestServer({ store: fixture.newStore(), statementExecutor: clientTestExecutor() })
 * ```
 */
export async function startThriftTestServer(
  engineOptions: EngineOptions,
  options: ThriftTestServerOptions = {},
): Promise<ThriftTestServer> {
  const engine = await createEngine(engineOptions)
  const { logger } = options
  const service = tcliService(options.wrapEngine?.(engine) ?? engine, { logger })
  const processor = options.wrap?.(service) ?? service
  const authenticate =
    typeof options.auth === 'function'
      ? options.auth
      : options.auth === 'none'
        ? thriftNoAuth()
        : thriftPasswordAuth({ verify: (user, password) => user === USER && password === PASSWORD })
  const binary: Server = thriftBinaryServer(processor, { authenticate, logger })
  binary.listen(0, '127.0.0.1')
  await once(binary, 'listening')
  const handler = thriftHttpHandler(processor, { authenticate, logger })
  const http: HttpServer = createServer(handler)
  http.listen(0, '127.0.0.1')
  await once(http, 'listening')
  return {
    engine,
    binaryPort: (binary.address() as AddressInfo).port,
    httpPort: (http.address() as AddressInfo).port,
    async close() {
      await handler.close()
      http.closeAllConnections()
      await new Promise<void>((resolve) =>
        http.close(() => {
          resolve()
        }),
      )
      await new Promise<void>((resolve) =>
        binary.close(() => {
          resolve()
        }),
      )
      await service.close()
      await engine.close()
    },
  }
}
