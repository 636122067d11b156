import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach } from 'vitest'

const perTest: string[] = []
const perFile: string[] = []

afterEach(() => {
  removeAll(perTest)
})
afterAll(() => {
  removeAll(perFile)
})

/**
 * A path for a fresh SQLite file in a temporary folder. The folder is removed after the current test,
 * or after the test file when `lifetime` is `'file'` (for a database a `beforeAll` sets up).
 */
export function tempDatabasePath(name = 'batchgate.db', lifetime: 'test' | 'file' = 'test'): string {
  const directory = mkdtempSync(join(tmpdir(), 'batchgate-test-'))
  ;(lifetime === 'test' ? perTest : perFile).push(directory)
  return join(directory, name)
}

function removeAll(directories: string[]): void {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true })
}
