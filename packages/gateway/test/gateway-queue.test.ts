// Two real gateway processes on one SQLite file, each with --max-running-batches 1: a third submission
// waits PENDING in the store's launch queue while both slots are taken, and is launched (once) by the
// gateway whose slot frees first, which then shows as its kyuubiInstance.
import { randomUUID } from 'node:crypto'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGatewayProcess, type GatewayProcess } from './helpers/gateway-process.js'
import { rest } from './helpers/rest-client.js'

const POLL_MS = 50

let dir: string
let command: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-queue-'))
  command = join(dir, 'hold.sh')
  // Appends "start <id>" to the log (O_APPEND: written by the launched work, not by the gateway), holds
  // until the test creates the file named by the batch id (or removes the directory), then appends
  // "end <id>". Arguments: [resource, log file, release directory].
  writeFileSync(
    command,
    [
      '#!/bin/sh',
      'printf \'start %s\\n\' "$BATCHGATE_BATCH_ID" >> "$2"',
      'while [ -d "$3" ] && [ ! -e "$3/$BATCHGATE_BATCH_ID" ]; do sleep 0.05; done',
      'printf \'end %s\\n\' "$BATCHGATE_BATCH_ID" >> "$2"',
      '',
    ].join('\n'),
  )
  chmodSync(command, 0o755)
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

interface BatchAnswer {
  readonly id: string
  readonly state: string
  readonly kyuubiInstance: string
}

/** Polls `check` every 50 ms until it answers true, failing with `what` after 20 s. */
async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('two gateways on one SQLite file with --max-running-batches 1', () => {
  it('queue a third submission while both run one, and run it once when a slot frees', async () => {
    const launches = join(dir, `launches-${randomUUID()}.txt`)
    const release = join(dir, `release-${randomUUID()}`)
    writeFileSync(launches, '')
    mkdirSync(release)
    const store = `sqlite:${join(dir, `queue-${randomUUID()}.db`)}`
    const lines = (): string[] => readFileSync(launches, 'utf8').split('\n').filter(Boolean)
    const ids = [randomUUID(), randomUUID(), randomUUID()] as const
    const [first, second, third] = ids
    const gateways: GatewayProcess[] = []
    try {
      for (const index of [0, 1]) {
        gateways.push(
          await startGatewayProcess([
            '--store',
            store,
            '--instance-id',
            `queue-${index}`,
            '--batch-command',
            command,
            '--max-running-batches',
            '1',
            '--queue-poll-ms',
            String(POLL_MS),
            '--thrift-port',
            'off',
            '--thrift-http-port',
            'off',
          ]),
        )
      }
      const [gw0, gw1] = gateways.map((gateway) => gateway.url) as [string, string]
      const submit = async (url: string, id: string): Promise<BatchAnswer> => {
        const answer = await rest(url, 'POST', '/batches', {
          batchType: 'SPARK',
          resource: 'hdfs:///jobs/hold.jar',
          className: 'org.example.Hold',
          conf: { 'kyuubi.batch.id': id },
          args: [launches, release],
        })
        expect(answer.status, JSON.stringify(answer.body)).toBe(200)
        return answer.body as BatchAnswer
      }
      const batch = async (id: string): Promise<BatchAnswer> =>
        (await rest(gw0, 'GET', `/batches/${id}`)).body as BatchAnswer

      // Each gateway takes one: its only slot.
      await submit(gw0, first)
      await until('the first batch started', () => lines().includes(`start ${first}`))
      await submit(gw1, second)
      await until('the second batch started', () => lines().includes(`start ${second}`))

      // Both slots are taken: the third is stored PENDING, owned by nobody (shown as its creator).
      const queued = await submit(gw0, third)
      expect(queued).toMatchObject({ id: third, state: 'PENDING', kyuubiInstance: 'queue-0' })
      // Many queue polls later it still waits (each poll finds no free slot on either gateway).
      await new Promise((resolve) => setTimeout(resolve, 20 * POLL_MS))
      expect(await batch(third)).toMatchObject({ state: 'PENDING' })
      expect(lines()).toEqual([`start ${first}`, `start ${second}`])

      // The second ends on gateway 1: its slot frees, and it claims the third from the queue.
      writeFileSync(join(release, second), '')
      await until('the third batch started', () => lines().includes(`start ${third}`))
      expect(lines()).toEqual([`start ${first}`, `start ${second}`, `end ${second}`, `start ${third}`])
      await until('the third batch is RUNNING', async () => (await batch(third)).state === 'RUNNING')
      expect(await batch(third)).toMatchObject({ state: 'RUNNING', kyuubiInstance: 'queue-1' })
      expect(await batch(first)).toMatchObject({ state: 'RUNNING', kyuubiInstance: 'queue-0' })
      // Its log is kept where it runs, the instance its kyuubiInstance names.
      expect((await rest(gw1, 'GET', `/batches/${third}/localLog`)).status).toBe(200)
      expect(await rest(gw0, 'GET', `/batches/${third}/localLog`)).toMatchObject({
        status: 404,
        body: { code: 'BATCH_LOG_NOT_LOCAL', message: expect.stringContaining('kept on instance queue-1') },
      })

      writeFileSync(join(release, first), '')
      writeFileSync(join(release, third), '')
      for (const id of ids) {
        await until(`batch ${id} finished`, async () => (await batch(id)).state === 'FINISHED')
      }
      // Each launched once.
      expect([...lines()].sort()).toEqual(ids.flatMap((id) => [`end ${id}`, `start ${id}`]).sort())
    } finally {
      // Let any command still holding go, so that none outlives the test.
      for (const id of ids) writeFileSync(join(release, id), '')
      const exits = await Promise.all(gateways.map((gateway) => gateway.stop()))
      expect(exits).toEqual(gateways.map(() => 0))
    }
  }, 90_000)
})
