import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import { createEngine, KYUUBI_BATCH_ID_KEY, type Engine } from '@batchgate/core'
import { CHANNEL_NAMES, type MetastoreCallMessage } from '@batchgate/core/diagnostics'
import { sqliteStore } from '@batchgate/store-sqlite'
import { RecordingLauncher } from '@batchgate/testkit'
import { afterEach, describe, expect, it } from 'vitest'
import { tracingChannel, type TracingChannelSubscribers } from 'node:diagnostics_channel'
import { tempDatabasePath } from './helpers/temp-database.js'

/** The `insertBatch` messages of the metastore channel, as they were when the call ended. */
function recordInserts(): { inserts: MetastoreCallMessage[]; stop: () => void } {
  const channel = tracingChannel<unknown, MetastoreCallMessage>(CHANNEL_NAMES.metastore)
  const inserts: MetastoreCallMessage[] = []
  const subscribers: TracingChannelSubscribers<MetastoreCallMessage> = {
    start: () => undefined,
    end: () => undefined,
    asyncStart: () => undefined,
    asyncEnd: (message) => {
      if (message.operation === 'insertBatch') inserts.push({ ...message })
    },
    error: () => undefined,
  }
  channel.subscribe(subscribers)
  return {
    inserts,
    stop: () => {
      channel.unsubscribe(subscribers)
    },
  }
}

/** Another connection's write lock on the file, released after `ms`. */
function lockFileFor(filename: string, ms: number): Promise<void> {
  const other = new Database(filename)
  other.exec('BEGIN EXCLUSIVE')
  return new Promise((resolve) =>
    setTimeout(() => {
      other.exec('COMMIT')
      other.close()
      resolve()
    }, ms),
  )
}

describe('attempts of a metastore call on SQLite (batchgate:metastore)', () => {
  let engine: Engine | undefined
  let recording: ReturnType<typeof recordInserts> | undefined
  afterEach(async () => {
    recording?.stop()
    await engine?.close()
  })

  it('counts the retries of an insert while another connection holds the file, and is 1 otherwise', async () => {
    const filename = tempDatabasePath()
    // No busy timeout: SQLite answers SQLITE_BUSY at once (better-sqlite3 would otherwise wait
    // synchronously, the event loop and so the lock's release with it), and the store retries.
    engine = await createEngine({
      instanceId: 'gw-attempts',
      store: sqliteStore({ filename, busyTimeoutMs: 0 }),
      launchers: { SPARK: new RecordingLauncher('hold') },
    })
    recording = recordInserts()
    const submit = (id: string) =>
      engine?.batches.submit(
        { batchType: 'SPARK', resource: 'app.jar', conf: { [KYUUBI_BATCH_ID_KEY]: id } },
        { user: 'alice' },
      )
    const locked = randomUUID()
    const free = randomUUID()

    const released = lockFileFor(filename, 100)
    await submit(locked)
    await released
    await submit(free)

    const [whileLocked, whileFree] = recording.inserts
    expect(whileLocked).toMatchObject({ batchId: locked, dbSystem: 'sqlite', errorCode: undefined })
    expect(whileLocked?.attempts).toBeGreaterThan(1)
    expect(whileFree).toMatchObject({ batchId: free, attempts: 1, errorCode: undefined })
  })
})
