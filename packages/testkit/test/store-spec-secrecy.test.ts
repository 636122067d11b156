import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { redactStoreSpec } from '@batchgate/testkit'
import { formatReport } from '../src/cli/format-report.js'
import { findStoreModule } from '../src/cli/find-store-module.js'
import { parseSimulateArgs } from '../src/cli/simulate-args.js'
import { resolveRace } from '../src/simulator/race-options.js'
import { judgeRace } from '../src/simulator/race-verdict.js'
import { RACE_JOB_ENV, type RaceWorkerJob } from '../src/simulator/race-worker-job.js'
import { workerSpawnArguments } from '../src/simulator/simulate-race-in-processes.js'

const SECRET = 'secretpw'
const CLI = fileURLToPath(new URL('../bin/batchgate-simulate.js', import.meta.url))

describe('redactStoreSpec', () => {
  it.each([
    ['mysql://root:secretpw@127.0.0.1:3306/race', 'mysql://root:***@127.0.0.1:3306/race'],
    ['mariadb://gw:secretpw@[::1]:3306/gw?ssl=true', 'mariadb://gw:***@[::1]:3306/gw?ssl=true'],
    ['mysql://gw:p%40secretpw@db/gw', 'mysql://gw:***@db/gw'],
    // Does not parse as a URL (bad port), yet still holds a password.
    ['mysql://gw:secretpw@db:port/gw', 'mysql://gw:***@db:port/gw'],
    // A password given as a query parameter (mysql2 takes options from the query).
    ['mysql://db/gw?password=secretpw', 'mysql://db/gw?password=***'],
    ['mysql://gw@db/gw?ssl=true&Password=secretpw&x=1', 'mysql://gw@db/gw?ssl=true&Password=***&x=1'],
    ['mysql://gw@db:port/gw?pwd=secretpw', 'mysql://gw@db:port/gw?pwd=***'],
    ['mysql://gw:secretpw@db/gw?passwd=secretpw#x', 'mysql://gw:***@db/gw?passwd=***#x'],
  ])('hides the password of %s', (spec, shown) => {
    expect(redactStoreSpec(spec)).toBe(shown)
  })

  it.each([
    'sqlite:/tmp/race.db',
    'sqlite:relative/race.db',
    'mysql://root@127.0.0.1:3306/race',
    'mysql://127.0.0.1/race',
  ])('leaves %s as given', (spec) => {
    expect(redactStoreSpec(spec)).toBe(spec)
  })
})

describe('the CLI never shows the password', () => {
  const spec = `mysql://root:${SECRET}@127.0.0.1:3306/race`

  it('in the human report', () => {
    const race = resolveRace({ instances: 1, ids: 1, submitsPerId: 1 })
    const report = judgeRace({ ...race, processes: 1, durationMs: 1 }, [], [])
    const text = formatReport(report, spec)
    expect(text).toContain('batchgate-simulate on mysql://root:***@127.0.0.1:3306/race')
    expect(text).not.toContain(SECRET)
  })

  it('in a usage error', async () => {
    const args = parseSimulateArgs(['--store', `redis://u:${SECRET}@h/db`])
    expect(typeof args === 'object' && args.storeModule).toBe(undefined)
    await expect(findStoreModule(`redis://u:${SECRET}@h/db`)).rejects.toThrow(
      /^--store redis:\/\/u:\*\*\*@h\/db: expected/,
    )
  })

  it(
    'in the JSON report, the text report or stderr, and workers do not get it in argv',
    { timeout: 120_000 },
    () => {
      const folder = mkdtempSync(join(tmpdir(), 'batchgate-spec-secrecy-'))
      try {
        const store = `mysql://root:${SECRET}@localhost${join(folder, 'race.db')}`
        const module = pathToFileURL(
          fileURLToPath(new URL('./fixtures/password-spec-target.mjs', import.meta.url)),
        ).href
        const common = ['--store', store, '--store-module', module, '--processes', '2', '--instances', '2']
        for (const args of [
          [...common, '--ids', '5', '--json'],
          [...common, '--ids', '5'],
        ]) {
          const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 })
          expect(result.status, result.stdout + result.stderr).toBe(0)
          expect(result.stdout + result.stderr).not.toContain(SECRET)
          expect(result.stdout).toContain(`mysql://root:***@localhost${join(folder, 'race.db')}`)
        }
      } finally {
        rmSync(folder, { recursive: true, force: true })
      }
    },
  )
})

describe('race workers', () => {
  it('get their job in the environment, not in argv', () => {
    const job: RaceWorkerJob = {
      fixture: {
        module: '@batchgate/store-mysql/testing',
        spec: `mysql://root:${SECRET}@127.0.0.1:3306/race`,
      },
      instanceIds: ['sim-p0-0'],
      ids: ['6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69'],
      submitsPerId: 2,
    }
    const spawning = workerSpawnArguments(job, { PATH: '/usr/bin' })
    expect(spawning.command).toBe(process.execPath)
    expect(spawning.args.join(' ')).not.toContain(SECRET)
    expect(spawning.args).toHaveLength(1)
    expect(spawning.args[0]).toMatch(/race-worker\.js$/)
    expect(spawning.env.PATH).toBe('/usr/bin')
    expect(JSON.parse(spawning.env[RACE_JOB_ENV] ?? '')).toEqual(job)
  })
})
