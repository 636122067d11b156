// Three real gateway processes on one store receive 60 concurrent submissions of one kyuubi.batch.id:
// one batch is created and its command runs once, the other 59 answers are that batch, marked duplicated.
import { randomUUID } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createScratchDatabase,
  dropScratchDatabase,
  findMysqlTestServer,
} from '@batchgate/store-mysql/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGatewayProcess, type GatewayProcess } from './helpers/gateway-process.js'
import { rest } from './helpers/rest-client.js'

const mysqlServer = await findMysqlTestServer()
const SUBMISSIONS = 60
const GATEWAYS = 3

let dir: string
let command: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-race-'))
  command = join(dir, 'record-launch.sh')
  // `>>` opens the file with O_APPEND: concurrent launches would each add their line whole.
  writeFileSync(command, '#!/bin/sh\nprintf \'%s %s\\n\' "$BATCHGATE_BATCH_ID" "$1" >> "$2"\n')
  chmodSync(command, 0o755)
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

interface BatchAnswer {
  readonly id: string
  readonly state: string
  readonly createTime: number
  readonly batchInfo?: Record<string, string>
}

async function race(store: string): Promise<void> {
  const launches = join(dir, `launches-${randomUUID()}.txt`)
  writeFileSync(launches, '')
  const gateways: GatewayProcess[] = []
  try {
    for (let index = 0; index < GATEWAYS; index++) {
      gateways.push(
        await startGatewayProcess([
          '--rest-port',
          '0',
          '--store',
          store,
          '--instance-id',
          `race-${index}`,
          '--batch-command',
          command,
        ]),
      )
    }
    const id = randomUUID()
    const request = {
      batchType: 'SPARK',
      resource: 'hdfs:///jobs/report.jar',
      className: 'org.example.Report',
      name: 'race',
      conf: { 'kyuubi.batch.id': id },
      args: [launches],
    }
    const answers = await Promise.all(
      Array.from({ length: SUBMISSIONS }, (_, index) =>
        rest(gateways[index % GATEWAYS]?.url ?? '', 'POST', '/batches', request),
      ),
    )
    expect(answers.map((answer) => answer.status)).toEqual(Array<number>(SUBMISSIONS).fill(200))
    const batches = answers.map((answer) => answer.body as BatchAnswer)
    expect(new Set(batches.map((batch) => batch.id))).toEqual(new Set([id]))
    const created = batches.filter((batch) => batch.batchInfo?.['kyuubi.batch.duplicated'] !== 'true')
    const duplicates = batches.filter((batch) => batch.batchInfo?.['kyuubi.batch.duplicated'] === 'true')
    expect(created).toHaveLength(1)
    expect(duplicates).toHaveLength(SUBMISSIONS - 1)
    const createTime = created[0]?.createTime
    expect(createTime).toBeGreaterThan(0)
    for (const duplicate of duplicates) expect(duplicate.createTime).toBe(createTime)

    // Wait for the batch to end, then count the command's runs.
    const deadline = Date.now() + 20_000
    let state = ''
    while (Date.now() < deadline) {
      state = ((await rest(gateways[1]?.url ?? '', 'GET', `/batches/${id}`)).body as BatchAnswer).state
      if (state === 'FINISHED' || state === 'ERROR') break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(state).toBe('FINISHED')
    expect(readFileSync(launches, 'utf8')).toBe(`${id} hdfs:///jobs/report.jar\n`)
  } finally {
    const exits = await Promise.all(gateways.map((gateway) => gateway.stop()))
    expect(exits).toEqual(gateways.map(() => 0))
  }
}

describe('three gateways on one store, 60 concurrent submissions of one id', () => {
  it('on one SQLite file: one batch, 59 duplicates with its createTime, one launch', async () => {
    await race(`sqlite:${join(dir, 'shared.db')}`)
  }, 90_000)

  describe('on MariaDB', () => {
    const server = mysqlServer
    let uri = ''

    beforeAll(async () => {
      if (server.available) uri = await createScratchDatabase(server.uri)
    })

    afterAll(async () => {
      if (uri !== '') await dropScratchDatabase(uri)
    })

    it.skipIf(!server.available)(
      `one batch, 59 duplicates with its createTime, one launch${server.available ? '' : ` (skipped: no MySQL/MariaDB server at ${server.uri})`}`,
      async () => {
        await race(uri)
      },
      90_000,
    )
  })
})
