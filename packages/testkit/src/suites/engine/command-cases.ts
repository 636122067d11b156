import { commandLauncher, type BatchLauncher } from '@batchgate/core'
import { expect } from 'vitest'
import type { StoreFixture } from '../../fixture/store-fixture.js'
import type { ConformanceCase } from '../conformance-case.js'
import { withEngine } from './engine-helpers.js'

type Case = ConformanceCase<StoreFixture>
const alice = { user: 'alice' }

/** CMD batches run `node -e <resource> -- ...args`: a real child process per batch, the resource its script. */
function nodeScripts(onLine: (line: string) => void = () => undefined): BatchLauncher {
  return commandLauncher({
    command: process.execPath,
    args: (batch) => ['-e', batch.resource, '--', ...batch.args],
    tailLines: 5,
    onOutput: (_batch, line) => {
      onLine(line)
    },
  })
}

export const commandCases: readonly Case[] = [
  {
    group: 'launch',
    name: 'an OS command through commandLauncher: exit 0 is FINISHED, arguments arrive verbatim (no shell)',
    run: async (fixture) => {
      await withEngine(fixture, { launchers: { CMD: nodeScripts() } }, async (engine) => {
        const script = `if (process.argv[1] !== '$(whoami)') process.exitCode = 9`
        await engine.batches.submit({ batchType: 'CMD', resource: script, args: ['$(whoami)'] }, alice)
        await engine.launchesSettled()
      })
      const [row] = await fixture.rawBatches()
      expect(row).toMatchObject({ state: 'FINISHED', diagnostic: null })
      expect(row?.endTime).toBeGreaterThanOrEqual(row?.startTime ?? Infinity)
    },
  },
  {
    group: 'launch',
    name: 'an OS command that fails is ERROR with its exit code and output tail; one that cannot start says so',
    run: async (fixture) => {
      const launchers = {
        CMD: nodeScripts(),
        MISSING: commandLauncher({ command: '/nonexistent/batchgate-no-such-command' }),
      }
      await withEngine(fixture, { launchers }, async (engine) => {
        const script = `for (let i = 0; i < 20; i++) console.log('step ' + i); console.error('fatal: out of disk'); process.exitCode = 3`
        await engine.batches.submit({ batchType: 'CMD', resource: script }, alice)
        await engine.batches.submit({ batchType: 'MISSING', resource: 'job' }, alice)
        await engine.launchesSettled()
      })
      const rows = await fixture.rawBatches()
      const failed = rows.find((row) => row.batchType === 'CMD')
      expect(failed?.state).toBe('ERROR')
      expect(failed?.diagnostic).toMatch(/exited with code 3; last 5 lines of output:\n/)
      expect(failed?.diagnostic).toContain('fatal: out of disk')
      expect(failed?.diagnostic).not.toContain('step 0\n')
      const missing = rows.find((row) => row.batchType === 'MISSING')
      expect(missing).toMatchObject({ state: 'ERROR' })
      expect(missing?.diagnostic).toMatch(/^could not start \/nonexistent\/batchgate-no-such-command: ENOENT/)
    },
  },
  {
    group: 'cancel',
    name: 'cancelling an OS command kills the process, and the batch stays CANCELED',
    run: async (fixture) => {
      let announce: (pid: number) => void = () => undefined
      const ready = new Promise<number>((resolve) => (announce = resolve))
      const launcher = nodeScripts((line) => {
        if (line.startsWith('ready ')) announce(Number(line.slice('ready '.length)))
      })
      await withEngine(fixture, { launchers: { CMD: launcher } }, async (engine) => {
        const script = `console.log('ready ' + process.pid); setInterval(() => {}, 1000)`
        const submitted = await engine.batches.submit({ batchType: 'CMD', resource: script }, alice)
        const pid = await ready
        expect((await engine.batches.cancel(submitted.id, alice)).state).toBe('CANCELED')
        await engine.launchesSettled()
        // The launch settled after the child's exit was reaped, so its pid no longer exists.
        expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }))
      })
      expect(await fixture.rawBatches()).toMatchObject([
        { state: 'CANCELED', diagnostic: 'canceled by alice' },
      ])
    },
  },
]
