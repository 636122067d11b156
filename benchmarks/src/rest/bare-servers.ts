import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { BatchState, KYUUBI_BATCH_ID_KEY } from '@batchgate/core'
import { BENCH_CONTEXT, BENCH_INSTANCE, benchRow } from '../submit/bench-request.js'
import type { RawSqlite } from '../submit/raw-sqlite.js'
import { restRowAt } from './rest-rows.js'

/** The largest body the bare submit handler reads, as the REST handler's default `maxBodyBytes`. */
const MAX_BODY_BYTES = 1024 * 1024

/**
 * The baseline of `POST /batches`: a bare `node:http` handler that reads the JSON body (bounded), takes
 * its `kyuubi.batch.id`, runs the prepared better-sqlite3 INSERT of the same row the submit group's
 * baseline inserts, and answers a Batch DTO of the same fields. No routing, authentication, validation
 * or duplicate detection: the least a server can do to store the row and say so.
 *
 * @example
 * ```ts
 * bareSubmitServer(openRawSqlite(file)).listen(0, '127.0.0.1')
 * ```
 */
export function bareSubmitServer(raw: RawSqlite): Server {
  return createServer((req, res) => {
    readBody(req, (text) => {
      const body = JSON.parse(text) as { conf: Record<string, string> }
      const id = body.conf[KYUUBI_BATCH_ID_KEY] ?? ''
      const row = benchRow(id)
      raw.insert(row)
      sendJson(res, {
        id,
        user: BENCH_CONTEXT.user,
        batchType: row.batch_type,
        name: row.name,
        appStartTime: 0,
        appId: null,
        appUrl: null,
        appState: null,
        appDiagnostic: null,
        kyuubiInstance: BENCH_INSTANCE,
        state: BatchState.PENDING,
        createTime: row.create_time,
        endTime: 0,
        batchInfo: {},
      })
    })
  })
}

/**
 * The baseline of `GET rowset`: a bare `node:http` handler serving the next `maxrows` rows of the same
 * endless result in the same JSON shape (Kyuubi's row set with `startRowOffset` and `hasMoreRows`), each
 * value converted the way the REST DTO converts it. No routing, authentication, operation lookup or
 * cursor: a position counter and the JSON.
 *
 * @example
 * ```ts
 * bareRowSetServer().listen(0, '127.0.0.1')
 * ```
 */
export function bareRowSetServer(): Server {
  let position = 0
  return createServer((req, res) => {
    const query = new URL(req.url ?? '/', 'http://bare').searchParams
    const maxRows = Number(query.get('maxrows') ?? '100')
    const start = position
    const rows = []
    for (let index = start; index < start + maxRows; index++) {
      const [id, name, amount, active] = restRowAt(index)
      rows.push({
        fields: [
          { dataType: 'I64_VAL', value: Number(id) },
          { dataType: 'STRING_VAL', value: name },
          { dataType: 'DOUBLE_VAL', value: amount },
          { dataType: 'BOOL_VAL', value: active },
        ],
      })
    }
    position = start + maxRows
    sendJson(res, { rows, rowCount: rows.length, startRowOffset: start, hasMoreRows: true })
  })
}

function readBody(req: IncomingMessage, then: (text: string) => void): void {
  const chunks: Buffer[] = []
  let size = 0
  req.on('data', (chunk: Buffer) => {
    size += chunk.length
    if (size > MAX_BODY_BYTES) req.destroy()
    else chunks.push(chunk)
  })
  req.on('end', () => {
    then(Buffer.concat(chunks).toString('utf8'))
  })
}

function sendJson(res: ServerResponse, json: unknown): void {
  const body = JSON.stringify(json)
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body, 'utf8'),
  })
  res.end(body)
}
