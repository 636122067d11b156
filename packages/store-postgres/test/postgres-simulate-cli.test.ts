import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { postgresFixture, type PostgresFixture } from '@batchgate/store-postgres/testing'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeWithPostgres, POSTGRES_URI } from './helpers/postgres-server.js'

/** testkit's command, built by vitest's global setup, run as a person would. */
const CLI = fileURLToPath(new URL('../../testkit/bin/batchgate-simulate.js', import.meta.url))

describeWithPostgres('batchgate-simulate --store postgres://…', () => {
  let fixture: PostgresFixture
  beforeEach(async () => {
    fixture = await postgresFixture({ serverUri: POSTGRES_URI })
  })
  afterEach(async () => {
    await fixture.dispose()
  })

  it('races 4 processes on a schema named by ?schema= and passes', { timeout: 120_000 }, () => {
    const result = spawnSync(
      process.execPath,
      [CLI, '--store', fixture.reopen.spec, '--processes', '4', '--instances', '8', '--ids', '10', '--json'],
      { encoding: 'utf8', timeout: 120_000 },
    )
    expect(result.status, result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      created: 10,
      errors: 0,
      launchesPerId: { '1': 10 },
    })
  })

  it('a postgresql:// spec loads the same store; an unreachable server exits 2 naming the cause', () => {
    const result = spawnSync(
      process.execPath,
      [CLI, '--store', 'postgresql://postgres:s3cret@127.0.0.1:1/test', '--connect-timeout-ms', '500'],
      { encoding: 'utf8', timeout: 60_000 },
    )
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/ECONNREFUSED/)
    expect(result.stderr + result.stdout).not.toContain('s3cret')
  })
})
