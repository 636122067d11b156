import { afterEach, describe, expect, it } from 'vitest'
import type { Batch, BatchLauncher, Logger } from '@batchgate/core'
import { CHANNEL_NAMES, type LaunchMessage } from '@batchgate/core/diagnostics'
import { waitUntil } from '@batchgate/testkit'
import { Engines, HeldLauncher, tempDatabase } from '../lease/lease-helpers.js'
import { recordTracing, type TracedEvent } from './channel-recorder.js'

const engines = new Engines()
afterEach(() => engines.closeAll())

const request = { batchType: 'SPARK', resource: 'app.jar' }
const alice = { user: 'alice' }

/** The events of one batch's launcher calls. */
function eventsOf(events: TracedEvent<LaunchMessage>[], batchId: string): TracedEvent<LaunchMessage>[] {
  return events.filter((event) => event.message.batchId === batchId)
}

describe('batchgate:launch', () => {
  it('traces a launcher that resolves: start, end, then asyncEnd with outcome finished', async () => {
    const events = recordTracing<LaunchMessage>(CHANNEL_NAMES.launch)
    const launcher: BatchLauncher = { launch: () => Promise.resolve() }
    const engine = await engines.open(tempDatabase('launch-ok'), {
      instanceId: 'gw-launch-ok',
      launchers: { SPARK: launcher },
    })
    const batch = await engine.batches.submit(request, alice)
    await engine.launchesSettled()
    const mine = eventsOf(events, batch.id)
    expect(mine.map((event) => event.kind)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd'])
    expect(mine[0]?.message).toEqual({
      instanceId: 'gw-launch-ok',
      batchId: batch.id,
      batchType: 'SPARK',
      mode: 'launch',
      outcome: undefined,
    })
    expect(mine.at(-1)?.message.outcome).toBe('finished')
    expect((await engine.batches.get(batch.id, alice))?.state).toBe('FINISHED')
  })

  it('traces a launcher that rejects: error with the rejection and outcome failed', async () => {
    const events = recordTracing<LaunchMessage>(CHANNEL_NAMES.launch)
    const failure = new Error('spark-submit exited with 1')
    const launcher: BatchLauncher = { launch: () => Promise.reject(failure) }
    const engine = await engines.open(tempDatabase('launch-failed'), {
      instanceId: 'gw-launch-failed',
      launchers: { SPARK: launcher },
      logger: silentLogger(),
    })
    const batch = await engine.batches.submit(request, alice)
    await engine.launchesSettled()
    const mine = eventsOf(events, batch.id)
    expect(mine.map((event) => event.kind)).toEqual(['start', 'end', 'error', 'asyncStart', 'asyncEnd'])
    const error = mine.find((event) => event.kind === 'error')
    expect(error?.message.error).toBe(failure)
    expect(error?.message.outcome).toBe('failed')
    expect((await engine.batches.get(batch.id, alice))?.state).toBe('ERROR')
  })

  it('a launcher throwing synchronously is traced as failed too', async () => {
    const events = recordTracing<LaunchMessage>(CHANNEL_NAMES.launch)
    const launcher: BatchLauncher = {
      launch: () => {
        throw new Error('no such binary')
      },
    }
    const engine = await engines.open(tempDatabase('launch-throws'), {
      instanceId: 'gw-launch-throws',
      launchers: { SPARK: launcher },
      logger: silentLogger(),
    })
    const batch = await engine.batches.submit(request, alice)
    await engine.launchesSettled()
    expect(eventsOf(events, batch.id).at(-1)?.message).toMatchObject({ outcome: 'failed' })
  })

  it('traces a cancelled launch as canceled, its rejection as the error', async () => {
    const events = recordTracing<LaunchMessage>(CHANNEL_NAMES.launch)
    const launcher = new HeldLauncher()
    const engine = await engines.open(tempDatabase('launch-cancel'), {
      instanceId: 'gw-launch-cancel',
      launchers: { SPARK: launcher },
    })
    const batch = await engine.batches.submit(request, alice)
    await waitUntil(() => launcher.launched().length === 1)
    await engine.batches.cancel(batch.id, alice)
    await engine.launchesSettled()
    const mine = eventsOf(events, batch.id)
    expect(mine.map((event) => event.kind)).toEqual(['start', 'end', 'error', 'asyncStart', 'asyncEnd'])
    expect(mine.at(-1)?.message.outcome).toBe('canceled')
    expect(String(mine.at(-1)?.message.error)).toContain('aborted')
    expect((await engine.batches.get(batch.id, alice))?.state).toBe('CANCELED')
  })

  it('traces the recover path of a restart takeover with mode recover', async () => {
    const events = recordTracing<LaunchMessage>(CHANNEL_NAMES.launch)
    const filename = tempDatabase('launch-recover')
    const before = new HeldLauncher()
    const first = await engines.open(filename, {
      instanceId: 'gw-launch-recover',
      launchers: { SPARK: before },
    })
    const batch = await first.batches.submit(request, alice)
    await waitUntil(() => before.launched().length === 1)
    // The gateway restarts; the job it launched outlives it (the held launch is never settled).
    await first.close()
    const recovered: Batch[] = []
    const after: BatchLauncher = {
      launch: () => Promise.reject(new Error('not expected: the batch was launched already')),
      recover: (taken) => {
        recovered.push(taken)
        return Promise.resolve()
      },
    }
    const second = await engines.open(filename, {
      instanceId: 'gw-launch-recover',
      launchers: { SPARK: after },
    })
    await second.launchesSettled()
    expect(recovered.map((taken) => taken.id)).toEqual([batch.id])
    const mine = eventsOf(events, batch.id)
    expect(mine.filter((event) => event.kind === 'start').map((event) => event.message.mode)).toEqual([
      'launch',
      'recover',
    ])
    expect(mine.at(-1)?.message).toMatchObject({ mode: 'recover', outcome: 'finished' })
    expect((await second.batches.get(batch.id, alice))?.state).toBe('FINISHED')
  })
})

/** A logger that drops everything: these tests are about the channel, not the log. */
function silentLogger(): Logger {
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => logger }
  return logger
}
