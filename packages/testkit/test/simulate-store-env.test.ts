import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { redactStoreSecrets } from '../src/cli/redact-store-spec.js'
import { refusedPort } from './refused-port.js'

const SECRET = 'envsecretpw'
const CLI = fileURLToPath(new URL('../bin/batchgate-simulate.js', import.meta.url))
// Races on a SQLite file named by a MySQL-looking spec; refuses to run in a worker whose argv shows
// the password.
const PASSWORD_TARGET = pathToFileURL(
  fileURLToPath(new URL('./fixtures/password-spec-target.mjs', import.meta.url)),
).href
const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

function freshFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'batchgate-store-env-'))
  folders.push(folder)
  return join(folder, 'race.db')
}

/** The real CLI with the store spec only in its environment, never in its argv. */
function simulateWithEnvStore(
  store: string,
  args: string[],
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, BATCHGATE_STORE: store },
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('the store spec from BATCHGATE_STORE', () => {
  it(
    'races with the spec only in the environment, workers included, and never shows the password',
    { timeout: 120_000 },
    () => {
      const file = freshFile()
      const store = `mysql://root:${SECRET}@localhost${file}`
      const common = ['--store-module', PASSWORD_TARGET, '--instances', '2', '--ids', '5']
      for (const args of [
        [...common, '--json'],
        [...common, '--processes', '2', '--json'],
        [...common, '--processes', '2'],
      ]) {
        const { status, stdout, stderr } = simulateWithEnvStore(store, args)
        expect(status, stderr).toBe(0)
        expect(stdout + stderr).not.toContain(SECRET)
        expect(stdout).toContain(`mysql://root:***@localhost${file}`)
      }
    },
  )

  it('a sqlite spec from the environment works with the built-in store module', { timeout: 60_000 }, () => {
    const { status, stdout } = simulateWithEnvStore(`sqlite:${freshFile()}`, ['--ids', '3', '--json'])
    expect(status).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, created: 3 })
  })

  it('--store wins over the environment', { timeout: 60_000 }, () => {
    const file = freshFile()
    const { status, stdout } = simulateWithEnvStore('postgres://not-used', [
      '--store',
      `sqlite:${file}`,
      '--ids',
      '3',
      '--json',
    ])
    expect(status).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, target: `sqlite:${file}` })
  })

  it('without --store or BATCHGATE_STORE, the usage error names both', () => {
    const env = { ...process.env }
    delete env.BATCHGATE_STORE
    const result = spawnSync(process.execPath, [CLI], { encoding: 'utf8', timeout: 30_000, env })
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('--store (or BATCHGATE_STORE) is required')
  })

  it('a password in a query parameter is redacted in an error message of the real CLI', async () => {
    const store = `mysql://root@127.0.0.1:${await refusedPort()}/race?password=${SECRET}`
    const result = spawnSync(process.execPath, [CLI, '--connect-timeout-ms', '1000'], {
      encoding: 'utf8',
      timeout: 15_000,
      env: { ...process.env, BATCHGATE_STORE: store },
    })
    expect(result.status, result.stderr).toBe(2)
    expect(result.stderr).toContain('ECONNREFUSED')
    // The failure names the target it could not reach, with the password masked.
    expect(result.stderr).toContain('/race?password=***')
    expect(result.stdout + result.stderr).not.toContain(SECRET)
  })
})

describe('redactStoreSecrets', () => {
  it('hides every occurrence of the spec password in a text, as given and URL-decoded', () => {
    const spec = 'mysql://gw:p%40ss@db/gw?password=qs%2Fsecret'
    expect(
      redactStoreSecrets(
        `failed: mysql://gw:p%40ss@db/gw, user gw with p@ss or qs/secret or qs%2Fsecret`,
        spec,
      ),
    ).toBe('failed: mysql://gw:***@db/gw, user gw with *** or *** or ***')
  })
})
