import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The built command, as `npx batchgate-gateway` runs it. */
const BIN = fileURLToPath(new URL('../../bin/batchgate-gateway.js', import.meta.url))
const REST_READY = /^rest listening on (http:\/\/\S+)$/m
const THRIFT_READY = /^thrift binary listening on (\S+):(\d+)$/m
const THRIFT_HTTP_READY = /^thrift http listening on (http:\/\/\S+)$/m
/** The port flags a test gets `0` for unless it gives its own: tests never bind a fixed port. */
const PORT_FLAGS = ['--rest-port', '--thrift-port', '--thrift-http-port'] as const

/** A gateway process a test started; {@link GatewayProcess.stop} ends it. */
export interface GatewayProcess {
  /** The printed address, e.g. `http://127.0.0.1:41234`. */
  readonly url: string
  /** The Thrift binary front's printed host and port (`undefined` with `--thrift-port off`). */
  readonly thrift: { readonly host: string; readonly port: number } | undefined
  /** The Thrift HTTP front's printed URL, e.g. `http://127.0.0.1:41236/cliservice` (`undefined` when off). */
  readonly thriftHttpUrl: string | undefined
  readonly child: ChildProcess
  /** Everything written to stdout and stderr so far. */
  output(): string
  /** Everything written to stdout so far (the readiness lines). */
  stdout(): string
  /** Everything written to stderr so far (the logs). */
  stderr(): string
  /** Sends `signal` (default SIGTERM) and resolves with the exit code (or the signal that ended it). */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals>
  /** Resolves once the process ended and its stdout and stderr were read to their end. */
  drained(): Promise<void>
}

/** How a gateway process ended when it did not get ready. */
export interface GatewayExit {
  readonly code: number | null
  readonly output: string
}

/** Gateways still running when the test process exits (a test that failed before stopping its own). */
const running = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

function flagValue(args: readonly string[], flag: string): string | undefined {
  let value: string | undefined
  args.forEach((arg, index) => {
    if (arg === flag) value = args[index + 1]
    else if (arg.startsWith(`${flag}=`)) value = arg.slice(flag.length + 1)
  })
  return value
}

/** `args` with `0` for every port flag it does not give. */
function withFreePorts(args: readonly string[]): string[] {
  const defaults = PORT_FLAGS.filter((flag) => flagValue(args, flag) === undefined).flatMap((flag) => [
    flag,
    '0',
  ])
  return [...defaults, ...args]
}

function launch(args: readonly string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...withFreePorts(args)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  return child
}

function exited(child: ChildProcess): Promise<number | NodeJS.Signals> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(code ?? signal ?? -1)
    })
  })
}

/**
 * Starts `batchgate-gateway` from its built dist with `args` (every port flag they do not give is `0`)
 * and resolves once it printed the address of every front that is on; rejects with its output when it
 * exits first or is not ready within `readyMs`.
 *
 * @example
 * ```ts
 * const gateway = await startGatewayProcess(['--rest-port', '0', '--store', `sqlite:${file}`])
 * await fetch(`${gateway.url}/api/v1/ping`)
 * expect(await gateway.stop()).toBe(0)
 * ```
 */
export function startGatewayProcess(
  args: readonly string[],
  env: Record<string, string> = {},
  readyMs = 30_000,
): Promise<GatewayProcess> {
  const child = launch(args, env)
  let output = ''
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    output += text
    stdout += text
  })
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    output += text
    stderr += text
  })
  const ended = exited(child)
  const closed = new Promise<void>((resolve) =>
    child.once('close', () => {
      resolve()
    }),
  )
  const thriftOn = flagValue(args, '--thrift-port') !== 'off'
  const thriftHttpOn = flagValue(args, '--thrift-http-port') !== 'off'
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the gateway was not ready within ${readyMs} ms:\n${output}`))
    }, readyMs)
    const onData = (): void => {
      const rest = REST_READY.exec(output)
      const thrift = THRIFT_READY.exec(output)
      const thriftHttp = THRIFT_HTTP_READY.exec(output)
      if (rest === null || (thriftOn && thrift === null) || (thriftHttpOn && thriftHttp === null)) return
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      resolve({
        url: rest[1] ?? '',
        thrift:
          thrift === null
            ? undefined
            : { host: (thrift[1] ?? '').replace(/^\[(.*)\]$/, '$1'), port: Number(thrift[2]) },
        thriftHttpUrl: thriftHttp?.[1],
        child,
        output: () => output,
        stdout: () => stdout,
        stderr: () => stderr,
        drained: () => closed,
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal)
          return ended
        },
      })
    }
    child.stdout?.on('data', onData)
    void ended.then((code) => {
      clearTimeout(timer)
      reject(new Error(`the gateway exited (${code}) before it was ready:\n${output}`))
    })
  })
}

/**
 * Runs `batchgate-gateway` with `args` (every port flag they do not give is `0`) to its end (for command
 * lines it must refuse).
 *
 * @example
 * ```ts
 * const { code, output } = await runGatewayToExit(['--bogus'])
 * ```
 */
export async function runGatewayToExit(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<GatewayExit> {
  const child = launch(args, env)
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (text: string) => (output += text))
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (output += text))
  const code = await exited(child)
  return { code: typeof code === 'number' ? code : null, output }
}
