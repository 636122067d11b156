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
    await new Promise<void>((resolve) => {
      gateway.stdout.once('data', () => {
        resolve()
      })
    })
    const pid = gateway.pid ?? 0
    let statementProcesses: number[] = []
    for (let attempt = 0; attempt < 50 && statementProcesses.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      statementProcesses = childrenOf(pid)
    }
    expect(statementProcesses).toHaveLength(1)
    // Let the statement get busy in SQLite, then kill its gateway outright.
    await new Promise((resolve) => setTimeout(resolve, 500))
    gateway.kill('SIGKILL')
    const [statementProcess = 0] = statementProcesses
    try {
      expect(await eventually(() => !alive(statementProcess))).toBe(true)
    } finally {
      // A failed check leaves no runaway process behind.
      if (alive(statementProcess)) process.kill(statementProcess, 'SIGKILL')
    }
  },
)
