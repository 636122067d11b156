import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const PACKAGE = fileURLToPath(new URL('..', import.meta.url))

it('batchgate-simulate races the store across processes, loading it by --store-module from this project', () => {
  const folder = mkdtempSync(join(tmpdir(), 'tiny-store-simulate-'))
  try {
    const args = [
      '--store-module',
      'tiny-batchgate-store/testing',
      '--store',
      `tiny:${join(folder, 'jobs.db')}`,
    ]
    const result = spawnSync(
      join(PACKAGE, 'node_modules/.bin/batchgate-simulate'),
      [...args, '--processes', '2', '--instances', '4', '--ids', '10', '--json'],
      { cwd: PACKAGE, encoding: 'utf8', timeout: 120_000 },
    )
    expect(result.status, result.stdout + result.stderr).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, processes: 2, created: 10, errors: 0 })
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}, 120_000)
