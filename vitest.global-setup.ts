import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'

/**
 * Tests that spawn child processes run the built packages, so build them first (incremental, so this
 * costs little when `pnpm test` has just built).
 */
export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
  execFileSync(process.execPath, [tsc, '-b'], { stdio: 'inherit' })
}
