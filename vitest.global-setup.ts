import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'

/**
 * Tests that spawn child processes run the built packages, so build them first (incremental, so this
 * costs little when `pnpm test` has just built).
 */
export default function setup(): void {
  // For working on one package while another does not build yet: build that one by hand first.
  if (process.env.BATCHGATE_SKIP_BUILD === '1') return
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-b'], { stdio: 'inherit' })
}
