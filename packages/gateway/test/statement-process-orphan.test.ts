// A statement process whose gateway is killed outright (SIGKILL) ends by itself, even while SQLite is
// busy in a runaway statement: its main thread cannot notice, a watch thread does.
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'

const DIST_INDEX = pathToFileURL(fileURLToPath(new URL('../dist/index.js', import.meta.url))).href

let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-orphan-'))
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((child) => child > 0)
  } catch {
    // ps exits 1 when it lists nothing.
    return []
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

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
      const deadline = Date.now() + 5000
      while (alive(statementProcess) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100))
      expect(alive(statementProcess)).toBe(false)
    } finally {
      // A failed check leaves no runaway process behind.
      if (alive(statementProcess)) process.kill(statementProcess, 'SIGKILL')
    }
  },
)
