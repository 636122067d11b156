// A statement process whose gateway disconnects while it is still loading (a gateway stopped right after
// starting its spare) ends quietly: its first message finds the channel closed, which is no crash.
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const WORKER = fileURLToPath(new URL('../dist/statements/statement-worker.js', import.meta.url))

it('exits with 0 and prints nothing when the gateway is gone before it loaded', async () => {
  const child = fork(WORKER, [], {
    serialization: 'advanced',
    execArgv: [],
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  // At once: the worker is still importing better-sqlite3 and has not sent 'loaded' yet.
  child.disconnect()
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  expect(stderr).toBe('')
  expect(code).toBe(0)
})
