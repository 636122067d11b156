import { once } from 'node:events'
import type { Server } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { createEngine, cursorFromIterable, type Engine } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import { kyuubiNoneAuth, kyuubiRestHandler } from '@batchgate/kyuubi-rest'
import { BENCH_CONTEXT, BENCH_INSTANCE } from '../submit/bench-request.js'
import { openRawSqlite } from '../submit/raw-sqlite.js'
import { bareRowSetServer, bareSubmitServer } from './bare-servers.js'
import { endlessRows, REST_COLUMNS } from './rest-rows.js'
import { ROWSET_STATEMENT, type RestServerKind } from './rest-server-kind.js'

/**
 * One server of the `rest` group, in a process of its own so the load generator does not share its
 * event loop: `submit-handler` / `rowset-handler` serve `kyuubiRestHandler` over an engine on a SQLite
 * file, `submit-bare` / `rowset-bare` the bare baselines. Prints `READY <json>` with the URL to load, then
 * runs until stdin closes.
 */
async function main(): Promise<void> {
  const [kind, directory] = process.argv.slice(2) as [RestServerKind, string]
  let engine: Engine | undefined
  let close = (): void => undefined
  let server: Server
  let path: string
  if (kind === 'submit-bare') {
    const raw = openRawSqlite(join(directory, 'raw.db'))
    close = () => {
      raw.close()
    }
    server = bareSubmitServer(raw)
    path = '/api/v1/batches'
  } else if (kind === 'rowset-bare') {
    server = bareRowSetServer()
    path = '/api/v1/operations/bare/rowset?maxrows=1000&fetchorientation=FETCH_NEXT'
  } else {
    engine = await createEngine({
      store: sqliteStore({ filename: join(directory, 'store.db') }),
      instanceId: BENCH_INSTANCE,
      retention: false,
      statementExecutor: {
        execute: () =>
          Promise.resolve({
            columns: REST_COLUMNS,
            cursor: cursorFromIterable(() => endlessRows(), { scrollbackRows: 1000 }),
          }),
      },
    })
    server = createServer(kyuubiRestHandler(engine, { authenticate: kyuubiNoneAuth() }))
    if (kind === 'submit-handler') {
      path = '/api/v1/batches'
    } else {
      const session = await engine.sessions.open({}, BENCH_CONTEXT)
      const handle = await engine.sessions.executeStatement(
        session.handle,
        { statement: ROWSET_STATEMENT },
        BENCH_CONTEXT,
      )
      path = `/api/v1/operations/${handle}/rowset?maxrows=1000&fetchorientation=FETCH_NEXT`
    }
  }
  server.keepAliveTimeout = 60_000
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  process.stdout.write(`READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, path })}\n`)
  process.stdin.resume()
  await once(process.stdin, 'end')
  server.closeAllConnections()
  server.close()
  await engine?.close()
  close()
}

await main()
