/// <reference types="node" preserve="true" />
// (Kept in the emitted .d.ts: its declarations use Node's global types, for consumers with "types": [].)
import { spawn, type ChildProcess } from 'node:child_process'
import type { Readable } from 'node:stream'
import type { CommandOutputStream } from './command-launcher-options.js'
import { LineSplitter } from './line-splitter.js'
import { USE_PROCESS_GROUPS, signalCommand } from './process-group.js'

/**
 * After the command exits, how long its output may take to close. Output the command wrote is already
 * in the pipe and read within milliseconds; a pipe still open after this is held by a process the
 * command left running in the background, which must not keep the batch RUNNING.
 */
const OUTPUT_DRAIN_MS = 500

/** Why the launcher stopped a command. */
export type StopReason = 'cancelled' | 'timeout'

/** One command to run. */
export interface CommandSpec {
  readonly command: string
  readonly args: readonly string[]
  readonly cwd: string | undefined
  readonly env: Readonly<Record<string, string>>
  readonly killGraceMs: number
  readonly timeoutMs: number | undefined
  readonly maxLineLength: number
  /** Aborting it stops the command. */
  readonly signal: AbortSignal
  /** Every line of output, in order per stream. Must not throw. */
  readonly onLine: (line: string, stream: CommandOutputStream) => void
}

/** How a command ended. */
export type CommandOutcome =
  | { readonly kind: 'not-started'; readonly error: unknown }
  | {
      readonly kind: 'ended'
      readonly exitCode: number | undefined
      readonly signal: NodeJS.Signals | undefined
      /** Set when the launcher stopped the command before it exited on its own. */
      readonly stoppedFor: StopReason | undefined
    }

/**
 * Runs a command without a shell and resolves (never rejects) once it has exited and its output is read.
 * Aborting `spec.signal`, or running past `spec.timeoutMs`, sends SIGTERM to the command's process group
 * and SIGKILL after `spec.killGraceMs`.
 *
 * @example
 * ```ts
 * const outcome = await runCommand({ command: 'ls', args: ['-l'], cwd: undefined, env: {}, killGraceMs: 5000,
 *   timeoutMs: undefined, maxLineLength: 4096, signal, onLine: (line) => console.log(line) })
 * ```
 */
export function runCommand(spec: CommandSpec): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    let child: ChildProcess
    try {
      child = spawn(spec.command, spec.args, {
        cwd: spec.cwd,
        env: spec.env,
        // The arguments come from submitters: a shell would interpret them.
        shell: false,
        // A session (and process group) of its own, so that a stop reaches the command's children too.
        detached: USE_PROCESS_GROUPS,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      })
    } catch (error) {
      // Refused before any process existed, e.g. an argument with a NUL character.
      resolve({ kind: 'not-started', error })
      return
    }
    new CommandWatch(child, spec, resolve).start()
  })
}

/** Follows one child process from spawn to outcome. */
class CommandWatch {
  readonly #timers = new Set<NodeJS.Timeout>()
  readonly #splitters: LineSplitter[] = []
  #exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
  #stoppedFor: StopReason | undefined
  #killed = false
  #settled = false

  constructor(
    private readonly child: ChildProcess,
    private readonly spec: CommandSpec,
    private readonly resolve: (outcome: CommandOutcome) => void,
  ) {}

  readonly #onAbort = (): void => {
    this.#stop('cancelled')
  }

  start(): void {
    const { child, spec } = this
    this.#follow(child.stdout, 'stdout')
    this.#follow(child.stderr, 'stderr')
    child.on('error', (error) => {
      // After a successful spawn, 'error' only reports a failed kill; 'exit' and 'close' still follow.
      if (child.pid === undefined) this.#settle({ kind: 'not-started', error })
    })
    child.on('exit', (code, signal) => {
      this.#exit = { code, signal }
      if (this.#stoppedFor === undefined || this.#killed) this.#startDrain()
    })
    child.on('close', () => {
      this.#settle(this.#ended())
    })
    spec.signal.addEventListener('abort', this.#onAbort, { once: true })
    // An abort before the listener existed (the launcher checks, but the host's args or env ran since).
    if (spec.signal.aborted) this.#stop('cancelled')
    if (spec.timeoutMs !== undefined) {
      this.#after(spec.timeoutMs, () => {
        this.#stop('timeout')
      })
    }
  }

  #follow(stream: Readable | null, name: CommandOutputStream): void {
    if (stream === null) return
    const splitter = new LineSplitter(this.spec.maxLineLength, (line) => {
      this.spec.onLine(line, name)
    })
    this.#splitters.push(splitter)
    // Decoding in the stream keeps a character split across chunks whole.
    stream.setEncoding('utf8')
    stream.on('data', (text: string) => {
      splitter.push(text)
    })
  }

  #stop(reason: StopReason): void {
    if (this.#stoppedFor !== undefined || this.#exit !== undefined || this.#settled) return
    this.#stoppedFor = reason
    signalCommand(this.child, 'SIGTERM')
    this.#after(this.spec.killGraceMs, () => {
      this.#killed = true
      signalCommand(this.child, 'SIGKILL')
      if (this.#exit !== undefined) this.#startDrain()
    })
  }

  /** Stops waiting for output that a left-behind background process keeps open. */
  #startDrain(): void {
    this.#after(OUTPUT_DRAIN_MS, () => {
      this.child.stdout?.destroy()
      this.child.stderr?.destroy()
      this.#settle(this.#ended())
    })
  }

  #ended(): CommandOutcome {
    return {
      kind: 'ended',
      exitCode: this.#exit?.code ?? undefined,
      signal: this.#exit?.signal ?? undefined,
      stoppedFor: this.#stoppedFor,
    }
  }

  #settle(outcome: CommandOutcome): void {
    if (this.#settled) return
    this.#settled = true
    for (const timer of this.#timers) clearTimeout(timer)
    this.spec.signal.removeEventListener('abort', this.#onAbort)
    // Here rather than on each stream's 'close', which may come after the child's: the last line without
    // a line break must be seen before the outcome is.
    for (const splitter of this.#splitters) splitter.end()
    // A stopped batch leaves nothing behind: what its command started and did not stop goes too.
    if (this.#stoppedFor !== undefined && outcome.kind === 'ended') signalCommand(this.child, 'SIGKILL')
    this.resolve(outcome)
  }

  #after(ms: number, action: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      action()
    }, ms)
    this.#timers.add(timer)
  }
}
