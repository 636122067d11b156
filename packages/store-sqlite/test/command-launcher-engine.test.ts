// core's commandLauncher through a real engine and a real SQLite metastore: the outcome of a real child
// process becomes the stored state and diagnostic. (Core's own tests cannot reach a store.)
import { afterEach, describe, expect, it } from 'vitest'
import { BatchState, commandLauncher, createEngine, type Engine } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import { tempDatabasePath } from './helpers/temp-database.js'

const alice = { user: 'alice' }
const engines: Engine[] = []

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()))
})

/** An engine whose CMD batches run `node -e <resource> -- ...args`: the resource is the script. */
async function engineRunningNode(onLine: (line: string) => void = () => undefined): Promise<Engine> {
  const engine = await createEngine({
    store: sqliteStore({ filename: tempDatabasePath() }),
    launchers: {
      CMD: commandLauncher({
        command: process.execPath,
        args: (batch) => ['-e', batch.resource, '--', ...batch.args],
        tailLines: 5,
        onOutput: (_batch, line) => {
          onLine(line)
        },
      }),
    },
  })
  engines.push(engine)
  return engine
}

describe('commandLauncher in an engine over store-sqlite', () => {
  it('stores FINISHED when the command exits with 0', async () => {
    const engine = await engineRunningNode()
    const submitted = await engine.batches.submit(
      {
        batchType: 'CMD',
        resource: `if (process.argv[1] !== '$(whoami)') process.exitCode = 9`,
        args: ['$(whoami)'],
      },
      alice,
    )
    await engine.launchesSettled()
    const stored = await engine.batches.get(submitted.id, alice)
    expect(stored).toMatchObject({ state: BatchState.FINISHED, diagnostic: undefined })
    expect(stored?.endTime).toBeGreaterThanOrEqual(stored?.startTime ?? Infinity)
  })

  it('stores ERROR with the exit code and the output tail as the diagnostic', async () => {
    const engine = await engineRunningNode()
    const script = `for (let i = 0; i < 20; i++) console.log('step ' + i); console.error('fatal: out of disk'); process.exitCode = 3`
    const submitted = await engine.batches.submit({ batchType: 'CMD', resource: script }, alice)
    await engine.launchesSettled()
    const stored = await engine.batches.get(submitted.id, alice)
    expect(stored?.state).toBe(BatchState.ERROR)
    expect(stored?.diagnostic).toMatch(/exited with code 3; last 5 lines of output:\n/)
    expect(stored?.diagnostic).toContain('fatal: out of disk')
    expect(stored?.diagnostic).not.toContain('step 0\n')
  })

  it('stores ERROR saying the command could not start', async () => {
    const engine = await createEngine({
      store: sqliteStore({ filename: tempDatabasePath() }),
      launchers: { CMD: commandLauncher({ command: '/nonexistent/batchgate-no-such-command' }) },
    })
    engines.push(engine)
    const submitted = await engine.batches.submit({ batchType: 'CMD', resource: 'job' }, alice)
    await engine.launchesSettled()
    await expect(engine.batches.get(submitted.id, alice)).resolves.toMatchObject({
      state: BatchState.ERROR,
      diagnostic: expect.stringMatching(/^could not start \/nonexistent\/batchgate-no-such-command: ENOENT/),
    })
  })

  it('kills the command when the batch is cancelled, and the batch stays CANCELED', async () => {
    let announce: (pid: number) => void = () => undefined
    const ready = new Promise<number>((resolve) => (announce = resolve))
    const engine = await engineRunningNode((line) => {
      if (line.startsWith('ready ')) announce(Number(line.slice('ready '.length)))
    })
    const script = `console.log('ready ' + process.pid); setInterval(() => {}, 1000)`
    const submitted = await engine.batches.submit({ batchType: 'CMD', resource: script }, alice)
    const pid = await ready
    await expect(engine.batches.cancel(submitted.id, alice)).resolves.toMatchObject({
      state: BatchState.CANCELED,
    })
    await engine.launchesSettled()
    await expect(engine.batches.get(submitted.id, alice)).resolves.toMatchObject({
      state: BatchState.CANCELED,
      diagnostic: 'canceled by alice',
    })
    // The launch settled after the child's exit was reaped, so its pid no longer exists.
    expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }))
  })
})
