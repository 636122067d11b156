import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { ThriftServerKind } from './thrift-server-kind.js'

const CHILD = fileURLToPath(new URL('./thrift-server-child.js', import.meta.url))

/** A server of the `thrift` group running in its child process. */
export interface ThriftServerProcess {
  readonly kind: ThriftServerKind
  readonly port: number
  /** The child's process id, for reading its RSS from `/proc`. */
  readonly pid: number
  /** Runs two full collections in the child and resolves with its RSS after them, in bytes. */
  collectGarbage(): Promise<number>
  /** Closes stdin, which stops the server, and waits for the process to exit. */
  stop(): Promise<void>
}

/**
 * Starts one server (see `thrift-server-child.ts`) in a fresh Node process with `--expose-gc` and waits
 * for its `READY` line. Its SQLite file is in `directory`.
 *
 * @example
 * ```ts
 * const server = await startThriftServerProcess('service', directory)
 * try { … } finally { await server.stop() }
 * ```
 */
export function startThriftServerProcess(
  kind: ThriftServerKind,
  directory: string,
): Promise<ThriftServerProcess> {
  const child = spawn(process.execPath, ['--expose-gc', CHILD, kind, directory], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => {
      resolve()
    }),
  )
  const gcWaiters: ((rss: number) => void)[] = []
  const stop = async (): Promise<void> => {
    child.stdin.end()
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  const collectGarbage = (): Promise<number> =>
    new Promise((resolve) => {
      gcWaiters.push(resolve)
      child.stdin.write('gc\n')
    })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => {
      reject(new Error(`thrift server ${kind} exited with ${code} before it was ready`))
    })
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('READY ')) {
        resolve({
          kind,
          port: Number(line.slice('READY '.length)),
          pid: child.pid ?? 0,
          collectGarbage,
          stop,
        })
      } else if (line.startsWith('GC ')) {
        gcWaiters.shift()?.(Number(line.slice('GC '.length)))
      }
    })
  })
}
