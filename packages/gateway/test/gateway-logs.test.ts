// The gateway's logs: JSON lines on stderr (stdout keeps only the readiness lines) that at --log-level
// debug tell every request, and never carry a Basic user's password (right or wrong) nor a conf value
// of a submitted batch.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGatewayProcess } from './helpers/gateway-process.js'
import { basic, rest } from './helpers/rest-client.js'

let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-logs-'))
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('the gateway logs', () => {
  it('are JSON lines on stderr with the requests at debug, and no password or conf value', async () => {
    const password = `pw-${randomUUID()}`
    const wrongPassword = `wrong-${randomUUID()}`
    const confValue = `conf-${randomUUID()}`
    const usersFile = join(dir, 'users')
    writeFileSync(usersFile, `alice:${password}\n`, { mode: 0o600 })
    const gateway = await startGatewayProcess([
      '--store',
      `sqlite:${join(dir, 'metastore.db')}`,
      '--auth',
      'basic',
      '--auth-file',
      usersFile,
      '--log-level',
      'debug',
      '--log-format',
      'json',
    ])
    let exitCode: number | NodeJS.Signals | undefined
    const id = randomUUID()
    try {
      const submitted = await rest(
        gateway.url,
        'POST',
        '/batches',
        {
          batchType: 'SPARK',
          resource: 'hdfs:///jobs/report.jar',
          name: 'logged',
          conf: { 'kyuubi.batch.id': id, 'spark.hadoop.fs.s3a.secret.key': confValue },
          args: [],
        },
        basic('alice', password),
      )
      expect(submitted.status).toBe(200)
      const refused = await rest(
        gateway.url,
        'GET',
        `/batches/${id}`,
        undefined,
        basic('alice', wrongPassword),
      )
      expect(refused.status).toBe(401)
    } finally {
      exitCode = await gateway.stop()
      await gateway.drained()
    }
    expect(exitCode).toBe(0)

    expect(
      gateway
        .stdout()
        .split('\n')
        .filter((line) => line !== ''),
    ).toEqual([
      expect.stringMatching(/^rest listening on /),
      expect.stringMatching(/^thrift binary listening on /),
      expect.stringMatching(/^thrift http listening on /),
      expect.stringMatching(/^metrics listening on http:\/\/127\.0\.0\.1:\d+\/metrics$/),
    ])
    const lines = gateway
      .stderr()
      .split('\n')
      .filter((line) => line !== '')
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(entries.length).toBeGreaterThan(0)
    for (const entry of entries) {
      expect(entry).toMatchObject({
        level: expect.any(Number),
        time: expect.any(Number),
        msg: expect.any(String),
      })
    }
    const requests = entries.filter((entry) => entry.level === 20 && entry.msg === 'kyuubi-rest: request')
    expect(requests).toContainEqual(
      expect.objectContaining({
        front: 'kyuubi-rest',
        method: 'POST',
        route: '/api/v1/batches',
        statusCode: 200,
        user: 'alice',
      }),
    )
    expect(requests).toContainEqual(
      expect.objectContaining({
        method: 'GET',
        route: '/api/v1/batches/:batchId',
        statusCode: 401,
        errorCode: 'UNAUTHENTICATED',
      }),
    )

    const logs = gateway.stderr()
    for (const secret of [
      password,
      wrongPassword,
      confValue,
      Buffer.from(`alice:${password}`).toString('base64'),
      Buffer.from(`alice:${wrongPassword}`).toString('base64'),
    ]) {
      expect(logs).not.toContain(secret)
    }
  })
})
