import { afterEach, describe, expect, it } from 'vitest'
import { BatchgateError, ErrorCode } from '@batchgate/core'
import { CHANNEL_NAMES, type LeaseEventMessage } from '@batchgate/core/diagnostics'
import { waitUntil } from '@batchgate/testkit'
import { Engines, HeldLauncher, hookedStore, tempDatabase, type MethodHook } from '../lease/lease-helpers.js'
import { recordingLogger } from '../logging/recording-logger.js'
import { recordChannel } from './channel-recorder.js'

const engines = new Engines()
/** Expires within a second of a partition, yet is not lost to a loaded machine's pauses. */
const STALLED_LEASE = { durationMs: 1000, renewIntervalMs: 100 } as const
/** Sweeps (after each renewal) often; never lost during the test. */
const SURVIVOR_LEASE = { durationMs: 10_000, renewIntervalMs: 100 } as const
afterEach(() => engines.closeAll())

describe('batchgate:lease', () => {
  it('publishes acquired at start, and nothing without leases', async () => {
    const events = recordChannel<LeaseEventMessage>(CHANNEL_NAMES.lease)
    // A lease long enough that a loaded machine does not lose it before the assertion.
    await engines.open(tempDatabase('lease-start'), { instanceId: 'gw-lease-start' })
    await engines.open(tempDatabase('lease-off'), { instanceId: 'gw-lease-off', lease: false })
    expect(events).toEqual([{ event: 'acquired', instanceId: 'gw-lease-start' }])
  })

  it('publishes lost when renewals fail, adopted on the survivor with its counts, and acquired again once back', async () => {
    const events = recordChannel<LeaseEventMessage>(CHANNEL_NAMES.lease)
    const filename = tempDatabase('lease-events')
    const stalledLogger = recordingLogger()
    const survivorLogger = recordingLogger()
    const stalled = new HeldLauncher()
    const survivor = new HeldLauncher()
    let renewalsFail = false
    const partitioned: MethodHook = (real, ...args) =>
      renewalsFail
        ? Promise.reject(new BatchgateError(ErrorCode.METASTORE_UNAVAILABLE, 'partitioned'))
        : real(...args)
    const first = await engines.open(
      filename,
      {
        instanceId: 'gw-stalled',
        lease: STALLED_LEASE,
        launchers: { SPARK: stalled },
        logger: stalledLogger,
        onBackgroundError: () => undefined,
      },
      (store) =>
        // A partition: the lease's renewals and a new lease's acquisition fail until the test heals it.
        hookedStore(store, { renewLease: partitioned, acquireLease: partitioned }),
    )
    const batch = await first.batches.submit({ batchType: 'SPARK', resource: 'app.jar' }, { user: 'alice' })
    await waitUntil(() => stalled.launched().length === 1)
    renewalsFail = true
    await engines.open(filename, {
      instanceId: 'gw-survivor',
      lease: SURVIVOR_LEASE,
      launchers: { SPARK: survivor },
      logger: survivorLogger,
    })
    // The loss (seen by the stalled instance's clock) and the adoption (by the database's) race.
    await waitUntil(() => events.some((event) => event.event === 'adopted'), 10_000, 'the adoption')
    await waitUntil(() => events.some((event) => event.event === 'lost'), 10_000, 'the loss')
    renewalsFail = false
    const eventsOf = (instanceId: string): LeaseEventMessage[] =>
      events.filter((event) => event.instanceId === instanceId)
    await waitUntil(() => eventsOf('gw-stalled').length >= 3, 10_000, 'a new lease')
    expect(eventsOf('gw-stalled').slice(0, 3)).toEqual([
      { event: 'acquired', instanceId: 'gw-stalled' },
      { event: 'lost', instanceId: 'gw-stalled' },
      { event: 'acquired', instanceId: 'gw-stalled' },
    ])
    expect(eventsOf('gw-survivor')).toEqual([
      { event: 'acquired', instanceId: 'gw-survivor' },
      { event: 'adopted', instanceId: 'gw-survivor', fromInstance: 'gw-stalled', adopted: 1, requeued: 0 },
    ])
    expect(survivor.calls[0]).toMatchObject({ kind: 'recover', id: batch.id })
    // The logs say the same, with the instance bound to every line.
    const stalledLines = stalledLogger.lines.filter((line) => line.message?.startsWith('lease') === true)
    expect(stalledLines.slice(0, 3)).toEqual([
      { level: 'debug', message: 'lease acquired', fields: { instanceId: 'gw-stalled', durationMs: 1000 } },
      {
        level: 'warn',
        message: 'lease lost',
        fields: { instanceId: 'gw-stalled', reason: expect.any(String) as string },
      },
      { level: 'info', message: 'lease acquired again after a loss', fields: { instanceId: 'gw-stalled' } },
    ])
    expect(survivorLogger.lines).toContainEqual({
      level: 'info',
      message: 'adopted the batches of a lost instance',
      fields: { instanceId: 'gw-survivor', fromInstance: 'gw-stalled', adopted: 1, requeued: 0 },
    })
  })
})
