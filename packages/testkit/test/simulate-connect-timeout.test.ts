import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { findMysqlTestServer } from '@batchgate/store-mysql/testing'
import { refusedPort } from './refused-port.js'

const CLI = fileURLToPath(new URL('../bin/batchgate-simulate.js', import.meta.url))
const mysql = await findMysqlTestServer()

/**
 * Runs the real command. The kill timer is far below the store's own 30 s retry budget, so a CLI that
 * keeps retrying an unreachable store is killed, and the test fails on its missing exit status.
 */
function simulate(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 15_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('batchgate-simulate --connect-timeout-ms: an unreachable store fails fast, with the reason', () => {
  it('a refused port: exit 2 with ECONNREFUSED, in this process and with workers', async () => {
    const store = `mysql://root@127.0.0.1:${await refusedPort()}/race`
    for (const extra of [[], ['--processes', '2']]) {
      const { status, stderr } = simulate(['--store', store, '--connect-timeout-ms', '1000', ...extra])
      expect(status, stderr).toBe(2)
      expect(stderr).toContain('ECONNREFUSED')
    }
  })

  it('a refused port with --json: one JSON object with ok false and the reason', async () => {
    const store = `mysql://root@127.0.0.1:${await refusedPort()}/race`
    const { status, stdout } = simulate(['--store', store, '--connect-timeout-ms', '1000', '--json'])
    expect(status).toBe(2)
    const answer = JSON.parse(stdout) as { ok: boolean; error: string }
    expect(answer.ok).toBe(false)
    expect(answer.error).toContain('ECONNREFUSED')
  })

  it('an unknown host: exit 2 with ENOTFOUND', () => {
    const { status, stderr } = simulate(['--store', 'mysql://root@nonexistent.invalid/x'])
    expect(status, stderr).toBe(2)
    expect(stderr).toContain('ENOTFOUND')
  })

  it.skipIf(!mysql.available)('a wrong password: exit 2 with access denied, never the password', () => {
    const url = new URL(mysql.uri)
    url.username = 'batchgate_nobody'
    url.password = 'wrongsecretpw'
    const { status, stdout, stderr } = simulate(['--store', url.href])
    expect(status, stderr).toBe(2)
    expect(stderr).toContain('ER_ACCESS_DENIED_ERROR')
    expect(stdout + stderr).not.toContain('wrongsecretpw')
  })

  it('refuses a timeout that is not a positive integer', () => {
    const { status, stderr } = simulate(['--store', 'sqlite:x.db', '--connect-timeout-ms', '0'])
    expect(status).toBe(2)
    expect(stderr).toContain('--connect-timeout-ms must be an integer >= 1')
  })
})
