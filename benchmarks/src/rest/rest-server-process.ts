import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { RestServerKind } from './rest-server-kind.js'

const CHILD = fileURLToPath(new URL('./rest-server-child.js', import.meta.url))

/** A server of the `rest` group running in its child process. */
export interface RestServerProcess {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  /** The path the figure loads (with the operation's handle for `GET rowset`). */
  readonly path: string
  /** Closes stdin, which stops the server, and waits for the process to exit. */
  stop(): Promise<void>
}

/**
 * Starts one server (see `rest-server-child.ts`) in a fresh Node process and waits for its `READY`
 * line. The files it opens are in `directory`.
 *
 * @example
 * ```ts
 * const server = await startRestServerProcess('submit-handler', directory)
 * try { … } finally { await server.stop() }
 * ```
 */
export function startRestServerProcess(kind: RestServerKind, directory: string): Promise<RestServerProcess> {
  const child = spawn(process.execPath, [CHILD, kind, directory], { stdio: ['pipe', 'pipe', 'inherit'] })
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => {
      resolve()
    }),
  )
  const stop = async (): Promise<void> => {
    child.stdin.end()
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => {
      reject(new Error(`rest server ${kind} exited with ${code} before it was ready`))
    })
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('READY ')) return
      const { url, path } = JSON.parse(line.slice('READY '.length)) as { url: string; path: string }
      resolve({ url, path, stop })
    })
  })
}
