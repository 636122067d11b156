import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { BenchRow } from './bench-result.js'
import type { BenchSettings } from './bench-settings.js'

const CHILD = fileURLToPath(new URL('../group-child.js', import.meta.url))

/**
 * Runs one benchmark group in a fresh Node.js process and returns its rows. Each group gets a process
 * of its own so that no figure depends on which groups ran before it: a heap grown by thousands of
 * submissions, or code the JIT compiled for another group, made the cursor figures vary from run to
 * run by a quarter when every group shared one process.
 *
 * @example
 * ```ts
 * const rows = await runGroupProcess('cursor', settings)
 * ```
 */
export function runGroupProcess(group: string, settings: BenchSettings): Promise<BenchRow[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, group, settings.mode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`benchmark group ${group} exited with ${code}`))
        return
      }
      try {
        resolve(parseRows(stdout.trim().split('\n').at(-1) ?? ''))
      } catch (error) {
        reject(new Error(`benchmark group ${group} printed no rows`, { cause: error }))
      }
    })
  })
}

/** JSON has no NaN: a skipped figure's value comes back as null. */
function parseRows(line: string): BenchRow[] {
  const rows = JSON.parse(line) as (Omit<BenchRow, 'value'> & { value: number | null })[]
  return rows.map((row) => ({ ...row, value: row.value ?? Number.NaN }))
}
