// Every case runs real child processes: node itself (`process.execPath -e script`) as the host's command,
// or `sh` where a command must start children of its own.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  CommandFailedError,
  commandLauncher,
  type Batch,
  type BatchLauncher,
  type CommandLauncherOptions,
  type CommandOutputStream,
} from '@batchgate/core'
import { launchContext } from './launch-context.js'
import { gone, isRunning, readyPid, runningBatch } from './processes.js'

type NodeOptions = Omit<CommandLauncherOptions, 'command' | 'args'>

/** The host's launcher, running `script` with node; the batch's args follow the script. */
function nodeLauncher(script: string, options: NodeOptions = {}): BatchLauncher {
  return commandLauncher({
    command: process.execPath,
    args: (batch) => ['-e', script, '--', ...batch.args],
    ...options,
  })
}

/** The rejection of a launch that must fail. */
async function failureOf(launch: Promise<void>): Promise<CommandFailedError> {
  const error = await launch.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  if (!CommandFailedError.is(error)) throw new Error(`expected a CommandFailedError, got ${String(error)}`)
  return error
}

/** Lines the command printed, with their streams. */
function recorder(): {
  lines: { line: string; stream: CommandOutputStream }[]
  onOutput: (batch: Batch, line: string, stream: CommandOutputStream) => void
} {
  const lines: { line: string; stream: CommandOutputStream }[] = []
  return { lines, onOutput: (_batch, line, stream) => lines.push({ line, stream }) }
}

/** Launches and aborts the signal once the command prints `ready <pid>`; resolves with that pid too. */
function cancelWhenReady(
  launcher: (onOutput: NonNullable<CommandLauncherOptions['onOutput']>) => BatchLauncher,
): {
  launch: Promise<void>
  pid: Promise<number>
} {
  const controller = new AbortController()
  let announce: (pid: number) => void = () => undefined
  const pid = new Promise<number>((resolve) => (announce = resolve))
  const launch = launcher((_batch, line) => {
    const ready = readyPid(line)
    if (ready === undefined) return
    announce(ready)
    controller.abort(new Error('cancelled by the test'))
  }).launch(runningBatch(), launchContext(controller.signal))
  return { launch, pid }
}

const run = (launcher: BatchLauncher, batch = runningBatch()): Promise<void> =>
  launcher.launch(batch, launchContext())

const HANG = `console.log('ready ' + process.pid); setInterval(() => {}, 1000)`

describe('commandLauncher: exit codes', () => {
  it('resolves when the command exits with 0, after every line reached onOutput', async () => {
    const { lines, onOutput } = recorder()
    await run(
      nodeLauncher(`console.log('one'); console.error('two'); process.stdout.write('three')`, { onOutput }),
    )
    expect(lines).toContainEqual({ line: 'one', stream: 'stdout' })
    expect(lines).toContainEqual({ line: 'two', stream: 'stderr' })
    expect(lines).toContainEqual({ line: 'three', stream: 'stdout' })
  })

  it('rejects a non-zero exit with the code and the last lines of output in the message', async () => {
    const error = await failureOf(
      run(nodeLauncher(`console.log('loading'); console.error('boom: no such table'); process.exitCode = 3`)),
    )
    expect(error).toMatchObject({ reason: 'exit', exitCode: 3, signal: undefined, command: process.execPath })
    expect(error.tail).toEqual(expect.arrayContaining(['loading', 'boom: no such table']))
    expect(error.message).toMatch(/exited with code 3; last 2 lines of output:\n/)
    expect(error.message).toContain('boom: no such table')
  })

  it('rejects a command killed by a signal with the signal', async () => {
    const error = await failureOf(
      run(nodeLauncher(`console.log('dying'); process.kill(process.pid, 'SIGKILL')`)),
    )
    expect(error).toMatchObject({ reason: 'signal', signal: 'SIGKILL', exitCode: undefined })
    expect(error.message).toMatch(/was killed by SIGKILL; last line of output:\ndying$/)
  })

  it('rejects a command that cannot start (ENOENT) without crashing', async () => {
    const error = await failureOf(run(commandLauncher({ command: '/nonexistent/batchgate-no-such-command' })))
    expect(error).toMatchObject({ reason: 'spawn', tail: [] })
    expect(error.message).toMatch(/^could not start \/nonexistent\/batchgate-no-such-command: ENOENT/)
    expect(error.cause).toMatchObject({ code: 'ENOENT' })
  })

  it('rejects an argument that no process can take (a NUL character) as a failure to start', async () => {
    const error = await failureOf(run(nodeLauncher('0'), runningBatch({ args: ['a\0b'] })))
    expect(error.reason).toBe('spawn')
    expect(error.message).toContain('ERR_INVALID_ARG_VALUE')
  })
})

describe('commandLauncher: arguments, environment and working directory', () => {
  it('passes the arguments verbatim, without a shell to interpret them', async () => {
    const args = ['; rm -rf /', '$(whoami)', '`id`', '$HOME', 'a\'b"c', '*', '| cat', '--day', '', 'x\ny']
    const { lines, onOutput } = recorder()
    await run(
      nodeLauncher(`console.log(JSON.stringify(process.argv.slice(1)))`, { onOutput }),
      runningBatch({ args }),
    )
    expect(lines.map(({ line }) => JSON.parse(line) as unknown)).toEqual([args])
  })

  it('runs `[batch.resource, ...batch.args]` by default', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'batchgate-command-'))
    const script = join(folder, 'job.cjs')
    writeFileSync(script, `console.log(JSON.stringify(process.argv.slice(2)))`)
    const { lines, onOutput } = recorder()
    await run(
      commandLauncher({ command: process.execPath, onOutput }),
      runningBatch({ resource: script, args: ['--day', '2026-11-20'] }),
    )
    expect(lines.map(({ line }) => line)).toEqual(['["--day","2026-11-20"]'])
  })

  it("does not pass the gateway's other variables by default; `env` adds per-batch ones", async () => {
    process.env.BATCHGATE_TEST_SECRET = 'hunter2'
    try {
      const script = `console.log(JSON.stringify([process.env.BATCHGATE_TEST_SECRET ?? null, process.env.JOB_ID ?? null, typeof process.env.PATH]))`
      const { lines, onOutput } = recorder()
      const env = (batch: Batch) => ({ JOB_ID: batch.id })
      await run(nodeLauncher(script, { onOutput, env }))
      await run(nodeLauncher(script, { onOutput, env: { JOB_ID: 'fixed' }, inheritEnv: 'all' }))
      await run(nodeLauncher(script, { onOutput, inheritEnv: ['BATCHGATE_TEST_SECRET'] }))
      expect(lines.map(({ line }) => line)).toEqual([
        `[null,"${runningBatch().id}","string"]`,
        `["hunter2","fixed","string"]`,
        `["hunter2",null,"undefined"]`,
      ])
    } finally {
      delete process.env.BATCHGATE_TEST_SECRET
    }
  })

  it('runs in `cwd`', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'batchgate-command-'))
    const { lines, onOutput } = recorder()
    await run(nodeLauncher(`console.log(process.cwd())`, { cwd: folder, onOutput }))
    expect(lines.map(({ line }) => line)).toEqual([folder])
  })
})

describe('commandLauncher: cancel and timeout', () => {
  it('never starts the command when the signal is already aborted', async () => {
    // A command that cannot start: had the launcher tried, the failure would say ENOENT.
    const launcher = commandLauncher({ command: '/nonexistent/batchgate-no-such-command' })
    const error = await failureOf(launcher.launch(runningBatch(), launchContext(AbortSignal.abort())))
    expect(error).toMatchObject({ reason: 'cancelled', exitCode: undefined, signal: undefined })
    expect(error.message).toBe('/nonexistent/batchgate-no-such-command was cancelled before it started')
  })

  it('kills the command with SIGTERM on cancel and rejects saying so', async () => {
    const { launch, pid } = cancelWhenReady((onOutput) => nodeLauncher(HANG, { onOutput }))
    const error = await failureOf(launch)
    expect(error).toMatchObject({ reason: 'cancelled', signal: 'SIGTERM' })
    expect(error.message).toMatch(/was cancelled and stopped by SIGTERM; last line of output:\nready \d+$/)
    expect(error.cause).toEqual(new Error('cancelled by the test'))
    expect(isRunning(await pid)).toBe(false)
  })

  it('sends SIGKILL after killGraceMs to a command that ignores SIGTERM', async () => {
    const script = `process.on('SIGTERM', () => console.log('ignoring SIGTERM')); ${HANG}`
    const { launch, pid } = cancelWhenReady((onOutput) =>
      nodeLauncher(script, { onOutput, killGraceMs: 200 }),
    )
    const error = await failureOf(launch)
    expect(error).toMatchObject({ reason: 'cancelled', signal: 'SIGKILL' })
    expect(error.tail).toContain('ignoring SIGTERM')
    expect(isRunning(await pid)).toBe(false)
  })

  it('lets a command that handles SIGTERM exit on its own within the grace', async () => {
    const script = `process.on('SIGTERM', () => { console.log('cleaning up'); process.exit(0) }); ${HANG}`
    const { launch } = cancelWhenReady((onOutput) => nodeLauncher(script, { onOutput, killGraceMs: 20_000 }))
    const error = await failureOf(launch)
    expect(error).toMatchObject({ reason: 'cancelled', exitCode: 0, signal: undefined })
    expect(error.message).toMatch(
      /was cancelled and exited with code 0; last 2 lines of output:\nready \d+\ncleaning up$/,
    )
  })

  it('kills the processes the command started (its process group) on cancel', async () => {
    // The host's command is a shell that starts a grandchild and waits for it.
    const { launch, pid } = cancelWhenReady((onOutput) =>
      commandLauncher({ command: 'sh', args: () => ['-c', 'sleep 30 & echo "ready $!"; wait'], onOutput }),
    )
    const error = await failureOf(launch)
    expect(error).toMatchObject({ reason: 'cancelled', signal: 'SIGTERM' })
    await gone(await pid)
  })

  it('stops a command that runs past timeoutMs and fails with a timeout', async () => {
    const { lines, onOutput } = recorder()
    const error = await failureOf(run(nodeLauncher(HANG, { timeoutMs: 300, onOutput })))
    expect(error).toMatchObject({ reason: 'timeout', timeoutMs: 300, signal: 'SIGTERM' })
    expect(error.message).toMatch(
      /timed out after 300 ms and stopped by SIGTERM; last line of output:\nready \d+$/,
    )
    const pid = readyPid(lines[0]?.line ?? '')
    expect(pid !== undefined && isRunning(pid)).toBe(false)
  })

  it('does not wait for a background process that keeps the output open after the command exited', async () => {
    const { lines, onOutput } = recorder()
    const started = Date.now()
    await run(commandLauncher({ command: 'sh', args: () => ['-c', 'sleep 30 & echo "ready $!"'], onOutput }))
    expect(Date.now() - started).toBeLessThan(5000)
    // A command that exits normally is not followed further; the test cleans up what it left.
    const pid = readyPid(lines[0]?.line ?? '')
    expect(pid).toBeDefined()
    if (pid !== undefined) process.kill(pid, 'SIGKILL')
  })
})

describe('commandLauncher: output', () => {
  it('delivers every line in order across chunk boundaries, with \\r\\n and a last line without a break', async () => {
    // About 1 MB: the pipe hands it over in many chunks, cut mid-line.
    const script = `
      let text = ''
      for (let i = 0; i < 50000; i++) text += 'line ' + i + (i % 2 ? '\\r\\n' : '\\n')
      process.stdout.write(text + 'last without a break')`
    const { lines, onOutput } = recorder()
    await run(nodeLauncher(script, { onOutput }))
    const expected = Array.from({ length: 50000 }, (_, i) => `line ${i}`)
    expect(lines.map(({ line }) => line)).toEqual([...expected, 'last without a break'])
  })

  it("writes every stdout and stderr line to the batch's log (context.log), as onOutput sees them", async () => {
    const script = `
      for (let i = 0; i < 2000; i++) console.log('out ' + i)
      console.error('err 0\\r\\nerr 1')
      process.stdout.write('x'.repeat(100) + '\\nlast without a break')`
    const { lines, onOutput } = recorder()
    const context = launchContext()
    await nodeLauncher(script, { onOutput, maxLineLength: 50 }).launch(runningBatch(), context)
    expect(context.lines).toEqual(lines.map(({ line }) => line))
    const stdout = context.lines.filter((line) => !line.startsWith('err'))
    expect(stdout).toEqual([
      ...Array.from({ length: 2000 }, (_, i) => `out ${i}`),
      `${'x'.repeat(50)}… [50 more characters]`,
      'last without a break',
    ])
    expect(context.lines.filter((line) => line.startsWith('err'))).toEqual(['err 0', 'err 1'])
  })

  it('keeps only the last tailLines lines for the message', async () => {
    const script = `for (let i = 0; i < 1000; i++) console.log('line ' + i); process.exitCode = 1`
    const error = await failureOf(run(nodeLauncher(script, { tailLines: 3 })))
    expect(error.tail).toEqual(['line 997', 'line 998', 'line 999'])
    expect(error.message).toMatch(
      /exited with code 1; last 3 lines of output:\nline 997\nline 998\nline 999$/,
    )
  })

  it('cuts a huge line to maxLineLength and says how much was cut', async () => {
    const script = `process.stdout.write('x'.repeat(1024 * 1024) + '\\nafter\\n'); process.exitCode = 2`
    const { lines, onOutput } = recorder()
    const error = await failureOf(run(nodeLauncher(script, { onOutput })))
    const cut = `${'x'.repeat(4096)}… [${1024 * 1024 - 4096} more characters]`
    expect(lines.map(({ line }) => line)).toEqual([cut, 'after'])
    expect(error.tail).toEqual([cut, 'after'])
  })

  it('keeps the message within core’s diagnostic limit, latest lines first to stay', async () => {
    const script = `for (let i = 0; i < 50; i++) console.log(i + ' ' + 'y'.repeat(1000)); process.exitCode = 1`
    const error = await failureOf(run(nodeLauncher(script)))
    expect(error.tail).toHaveLength(50)
    expect(error.message.length).toBeLessThan(8 * 1024)
    expect(error.message.endsWith(`49 ${'y'.repeat(1000)}`)).toBe(true)
    expect(error.message).toMatch(/^\S+ exited with code 1; last 7 lines of output:\n43 y/)
  })

  it('survives an onOutput that throws or rejects, and reports each failure to onOutputError', async () => {
    const reported: unknown[] = []
    const launcher = nodeLauncher(`console.log('a'); console.log('b'); console.log('c')`, {
      onOutput: (_batch, line) => {
        if (line === 'a') throw new Error('sink down')
        if (line === 'b') return Promise.reject(new Error('async sink down')) as unknown as undefined
      },
      onOutputError: (error, batch) => reported.push([(error as Error).message, batch.id]),
    })
    await run(launcher)
    await new Promise((resolve) => setImmediate(resolve))
    expect(reported).toEqual([
      ['sink down', runningBatch().id],
      ['async sink down', runningBatch().id],
    ])
  })

  it('survives an onOutputError that throws too', async () => {
    const launcher = nodeLauncher(`console.log('a')`, {
      onOutput: () => {
        throw new Error('sink down')
      },
      onOutputError: () => {
        throw new Error('reporter down')
      },
    })
    await expect(run(launcher)).resolves.toBeUndefined()
  })
})

describe('commandLauncher: options', () => {
  it.each([
    [{ command: '' }, 'command'],
    [{ command: '   ' }, 'command'],
    [{ command: 'x', killGraceMs: -1 }, 'killGraceMs'],
    [{ command: 'x', timeoutMs: 0 }, 'timeoutMs'],
    [{ command: 'x', tailLines: 1.5 }, 'tailLines'],
    [{ command: 'x', maxLineLength: 0 }, 'maxLineLength'],
    [{ command: 'x', cwd: '' }, 'cwd'],
    [{ command: 'x', inheritEnv: 'PATH' }, 'inheritEnv'],
    [{ command: 'x', env: 'A=1' }, 'env'],
    [{ command: 'x', args: ['a'] }, 'args'],
    [{ command: 'x', onOutput: 'log' }, 'onOutput'],
  ])('%j is INVALID_OPTIONS', (options, name) => {
    expect(() => commandLauncher(options as unknown as CommandLauncherOptions)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS', message: expect.stringContaining(name) }),
    )
  })
})
