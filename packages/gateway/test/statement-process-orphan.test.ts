// A statement process whose gateway is killed outright (SIGKILL) ends by itself, even while SQLite is
// busy in a runaway statement: its main thread cannot notice, a watch thread does.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { alive, childrenOf, eventually } from './helpers/processes.js'

const DIST_INDEX = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href

let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-orphan-'))
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

it.skipIf(process.platform === 'win32')(
  'a statement process outlives its killed gateway by about a second at most',
  async () => {
    const host = join(dir, 'host.mjs')
    writeFileSync(
      host,
      `import { sqliteStatementExecutor } from ${JSON.stringify(DIST_INDEX)}
const executor = sqliteStatementExecutor({ dataFile: null, statementTimeoutMs: 600000 })
const running = executor.execute('with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c', { user: 'a', sessionConf: {}, signal: new AbortController().signal })
running.catch(() => {})
console.log('started')
setInterval(() => {}, 1000)
`,
    )
    const gateway = spawn(process.execPath, [host], { stdio: ['ignore', 'pipe', 'inherit'] })
    const pid = gateway.pid ?? 0
    let statementProcesses: number[] = []
    try {
      await new Promise<void>((resolve) => {
        gateway.stdout.once('data', () => {
          resolve()
        })
      })
      // The statement's process (and the spare the executor keeps started).
      expect(await eventually(() => childrenOf(pid, 'batchgate-statement').length === 1)).toBe(true)
      statementProcesses = childrenOf(pid)
      expect(statementProcesses).toHaveLength(2)
      // Let the statement get busy in SQLite, then kill its gateway outright.
      await new Promise((resolve) => setTimeout(resolve, 500))
      gateway.kill('SIGKILL')
      expect(await eventually(() => statementProcesses.every((child) => !alive(child)))).toBe(true)
    } finally {
      // A failed check leaves no process behind.
      gateway.kill('SIGKILL')
      for (const child of statementProcesses) if (alive(child)) process.kill(child, 'SIGKILL')
    }
  },
)
