// Debian's Python Thrift as a second, independent client of the gateway's Thrift fronts: Python code that
// thrift-compiler generates from the TCLIService.thrift npm's hive-driver ships, run by /usr/bin/python3
// with python3-thrift's TSaslClientTransport (pure-sasl PLAIN), its TBufferedTransport (NOSASL) and its
// THttpClient. It opens a session, executes, fetches with FETCH_NEXT, FETCH_PRIOR and FETCH_FIRST and
// prints what it got as JSON, which this test checks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGatewayProcess, type GatewayProcess } from './helpers/gateway-process.js'
import { TCLI } from './helpers/hive-driver-client.js'
import {
  findPythonThrift,
  generatePythonClient,
  runPythonClient,
  type PythonPlan,
} from './helpers/python-thrift.js'
import { writeSampleData } from './helpers/sample-data.js'

const python = await findPythonThrift()

const STATEMENT = `with recursive r(id) as (select 0 union all select id + 1 from r where id < 9)
  select id, 'v' || id as label from r`
const FETCHES = [
  ['FETCH_NEXT', 5],
  ['FETCH_NEXT', 2],
  ['FETCH_PRIOR', 3],
  ['FETCH_PRIOR', 3],
  ['FETCH_FIRST', 4],
  ['FETCH_NEXT', 100],
  ['FETCH_NEXT', 5],
  ['FETCH_ABSOLUTE', 2],
  ['FETCH_PRIOR', 1],
] as const
/** [startRowOffset, end) of each fetch above, for the 10 rows 0..9. */
const EXPECTED_BLOCKS: readonly (readonly [number, number] | 'HY106')[] = [
  [0, 5],
  [5, 7],
  [2, 5],
  [0, 3],
  [0, 4],
  [4, 10],
  [10, 10],
  'HY106',
  [9, 10],
]

describe.skipIf(!python.available)("Debian's python3-thrift against the gateway", () => {
  let dir: string
  let generated: string
  let gateway: GatewayProcess
  let basicGateway: GatewayProcess

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-python-'))
    generated = join(dir, 'gen-py')
    await generatePythonClient(generated)
    const data = writeSampleData(join(dir, 'data.db'), 3)
    const users = join(dir, 'users')
    writeFileSync(users, 'alice:py-secret\n', { mode: 0o600 })
    ;[gateway, basicGateway] = await Promise.all([
      startGatewayProcess(['--store', `sqlite:${join(dir, 'metastore.db')}`, '--data', data]),
      startGatewayProcess(['--store', `sqlite:${join(dir, 'basic.db')}`, '--data', data, '--auth', 'basic'], {
        BATCHGATE_AUTH_FILE: users,
      }),
    ])
  })

  afterAll(async () => {
    try {
      const codes = await Promise.all([gateway.stop(), basicGateway.stop()])
      expect(codes).toEqual([0, 0])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  function plan(
    target: GatewayProcess,
    transport: PythonPlan['transport'],
    password = 'py-secret',
  ): PythonPlan {
    const thrift = target.thrift
    const http = target.thriftHttpUrl === undefined ? undefined : new URL(target.thriftHttpUrl)
    if (thrift === undefined || http === undefined) throw new Error('the Thrift fronts are off')
    return {
      transport,
      host: transport === 'http' ? http.hostname : thrift.host,
      port: transport === 'http' ? Number(http.port) : thrift.port,
      path: http.pathname,
      user: 'alice',
      password,
      statement: STATEMENT,
      fetches: FETCHES,
    }
  }

  it.each(['sasl', 'nosasl', 'http'] as const)(
    'over %s: opens a session, executes, and scrolls with FETCH_NEXT, FETCH_PRIOR and FETCH_FIRST',
    async (transport) => {
      const { code, report, stderr } = await runPythonClient(generated, plan(gateway, transport))
      expect(stderr).toBe('')
      expect(code).toBe(0)
      if (report === undefined) throw new Error('the Python client printed no report')
      expect(report.openSession?.status.statusCode).toBe(TCLI.TStatusCode.SUCCESS_STATUS)
      // Asked for V10, answered V10 or below (what both speak).
      expect(report.openSession?.serverProtocolVersion).toBeLessThanOrEqual(
        TCLI.TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10 ?? 9,
      )
      expect(report.dbmsName).toEqual(expect.any(String))
      expect(report.columns).toEqual(['id', 'label'])
      const fetches = report.fetches ?? []
      expect(fetches).toHaveLength(EXPECTED_BLOCKS.length)
      fetches.forEach((fetch, index) => {
        const expected = EXPECTED_BLOCKS[index]
        const what = `${fetch.orientation} ${fetch.maxRows}`
        if (expected === 'HY106') {
          expect(fetch.status, what).toMatchObject({
            statusCode: TCLI.TStatusCode.ERROR_STATUS,
            sqlState: 'HY106',
          })
          return
        }
        const [start, end] = expected ?? [0, 0]
        expect(fetch.status.statusCode, what).toBe(TCLI.TStatusCode.SUCCESS_STATUS)
        expect(fetch.startRowOffset, what).toBe(start)
        expect(fetch.rows, what).toEqual(
          Array.from({ length: end - start }, (_, i) => [start + i, `v${start + i}`]),
        )
      })
      expect(report.tables?.status.statusCode).toBe(TCLI.TStatusCode.SUCCESS_STATUS)
      expect(report.tables?.rows.map((row) => row[2])).toEqual(['sales'])
      expect(report.closeSession?.statusCode).toBe(TCLI.TStatusCode.SUCCESS_STATUS)
    },
  )

  it('with --auth basic: PLAIN with the right password works, a wrong one and NOSASL are refused', async () => {
    const right = await runPythonClient(generated, plan(basicGateway, 'sasl'))
    expect(right.code).toBe(0)
    expect(right.report?.fetches?.[0]?.rows).toHaveLength(5)

    const wrong = await runPythonClient(generated, plan(basicGateway, 'sasl', 'not-it'))
    expect(wrong.code).toBe(3)
    expect(wrong.report?.connectError).toMatch(/Bad SASL negotiation status/)

    const http = await runPythonClient(generated, plan(basicGateway, 'http', 'not-it'))
    expect(http.code).toBe(4)
    expect(http.report).toMatchObject({ httpStatus: 401 })

    // NOSASL has no way to say why: the connection is closed before the first answer.
    const nosasl = await runPythonClient(generated, plan(basicGateway, 'nosasl'))
    expect(nosasl.code).toBe(4)
    expect(nosasl.report?.callError).toMatch(/EOFError|TTransportException/)
    expect(basicGateway.output()).not.toMatch(/py-secret|not-it/)
  })
})
