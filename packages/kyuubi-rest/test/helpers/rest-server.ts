import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createEngine, type Engine, type EngineOptions } from '@batchgate/core'
import {
  kyuubiRestHandler,
  type KyuubiRestEngine,
  type KyuubiRestHandler,
  type KyuubiRestOptions,
} from '@batchgate/kyuubi-rest'

/** A REST handler over a real engine, served by a real `node:http` server on 127.0.0.1, port 0. */
export interface RestServer {
  readonly baseUrl: string
  readonly engine: Engine
  readonly handler: KyuubiRestHandler
  readonly server: Server
  /** Closes the handler, the server (and its connections), then the engine. */
  close(): Promise<void>
}

/**
 * Starts an engine with `engineOptions` and serves it with `kyuubiRestHandler(engine, restOptions)`
 * (through `wrapEngine(engine)`, for a fault injector around the real engine).
 *
 * @example
 * ```ts
 * const rest = await startRestServer({ store: fixture.newStore() }, { authenticate: kyuubiNoneAuth() })
 * try { await call(rest.baseUrl, { path: '/api/v1/ping' }) } finally { await rest.close() }
 * ```
 */
export async function startRestServer(
  engineOptions: EngineOptions,
  restOptions: KyuubiRestOptions,
  wrapEngine: (engine: Engine) => KyuubiRestEngine = (engine) => engine,
): Promise<RestServer> {
  const engine = await createEngine(engineOptions)
  const handler = kyuubiRestHandler(wrapEngine(engine), restOptions)
  const server = createServer(handler)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    engine,
    handler,
    server,
    async close() {
      await handler.close()
      server.closeAllConnections()
      await new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error === undefined) resolve()
          else reject(error)
        })
      })
      await engine.close()
    },
  }
}
