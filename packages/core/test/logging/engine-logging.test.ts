import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  BatchgateError,
  ErrorCode,
  quietConsoleLogger,
  type BatchLauncher,
  type Logger,
} from '@batchgate/core'
import type { MetadataStore } from '@batchgate/core/store'
import { Engines, hookedStore, tempDatabase } from '../lease/lease-helpers.js'
import { recordingLogger } from './recording-logger.js'

const engines = new Engines()
afterEach(async () => {
  await engines.closeAll()
  vi.restoreAllMocks()
})

const SECRET = 's3cr3t-token'
/** A request whose conf and args carry a secret, as a careless submitter's might. */
const request = {
  batchType: 'SPARK',
  resource: 'app.jar',
  conf: { 'spark.hadoop.fs.s3a.secret.key': SECRET },
  args: ['--password', SECRET],
}
const alice = { user: 'alice' }

/** A launcher failing with a diagnostic that quotes the command line, secrets included. */
const quotingLauncher: BatchLauncher = {
  launch: (batch) => Promise.reject(new Error(`spark-submit ${batch.args.join(' ')} exited with 1`)),
}

/** The store naming its database system, as OpenTelemetry's `db.system.name`. */
function namedSqlite(store: MetadataStore): MetadataStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'dbSystem') return 'sqlite'
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value
    },
  })
}

describe('the engine logger', () => {
  it('gets the start and close lines with instanceId bound, and a failed launch as a warn without conf or args', async () => {
    const logger = recordingLogger()
    const engine = await engines.open(
      tempDatabase('logging'),
      { instanceId: 'gw-log', launchers: { SPARK: quotingLauncher }, logger },
      namedSqlite,
    )
    expect(logger.lines).toContainEqual({
      level: 'info',
      message: 'engine started',
      fields: { instanceId: 'gw-log', recovered: 0, dbSystem: 'sqlite' },
    })
    const batch = await engine.batches.submit(request, alice)
    await engine.launchesSettled()
    // The diagnostic, readable through the API, quotes the command line.
    const stored = await engine.batches.get(batch.id, alice)
    expect(stored?.diagnostic).toContain(SECRET)
    expect(logger.lines.filter((line) => line.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: 'batch launch failed',
        fields: { instanceId: 'gw-log', batchId: batch.id, batchType: 'SPARK', mode: 'launch' },
      },
    ])
    await engine.close()
    expect(logger.lines.at(-1)).toEqual({
      level: 'info',
      message: 'engine closed',
      fields: { instanceId: 'gw-log' },
    })
    // The batch's diagnostic (readable through the API) quotes the secret; no line does.
    expect(JSON.stringify(logger.lines)).not.toContain(SECRET)
    expect(logger.lines.every((line) => line.fields.instanceId === 'gw-log')).toBe(true)
  })

  it('defaults to the quiet console logger: nothing for info, real problems on console.error', async () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    let outcomesFail = false
    const launcher: BatchLauncher = {
      launch: () => {
        outcomesFail = true
        return Promise.resolve()
      },
    }
    const quiet = await engines.open(tempDatabase('logging-quiet'), { instanceId: 'gw-quiet' })
    await quiet.close()
    expect(printed).not.toHaveBeenCalled()
    // A launch that failed, then an outcome that cannot be recorded (the metastore fails its write).
    const failing = await engines.open(tempDatabase('logging-failed'), {
      instanceId: 'gw-loud',
      launchers: { SPARK: quotingLauncher },
    })
    const failed = await failing.batches.submit(request, alice)
    await failing.launchesSettled()
    expect(printed.mock.calls).toEqual([
      [
        '[batchgate] batch launch failed',
        { instanceId: 'gw-loud', batchId: failed.id, batchType: 'SPARK', mode: 'launch' },
      ],
    ])
    printed.mockClear()
    const unrecorded = await engines.open(
      tempDatabase('logging-background'),
      { instanceId: 'gw-background', launchers: { SPARK: launcher } },
      (store) =>
        hookedStore(store, {
          updateBatchState: (real, ...args) =>
            outcomesFail
              ? Promise.reject(new BatchgateError(ErrorCode.METASTORE_UNAVAILABLE, 'the database is gone'))
              : real(...args),
        }),
    )
    await unrecorded.batches.submit({ batchType: 'SPARK', resource: 'app.jar' }, alice)
    await unrecorded.launchesSettled()
    expect(printed.mock.calls).toEqual([
      [
        '[batchgate] background failure',
        { instanceId: 'gw-background' },
        expect.objectContaining({ code: 'METASTORE_UNAVAILABLE' }),
      ],
    ])
  })

  it('quietConsoleLogger drops info and debug, prints warn with its bindings', () => {
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const logger = quietConsoleLogger().child({ instanceId: 'gw-1' })
    logger.info({ recovered: 3 }, 'engine started')
    logger.debug?.({ batchId: 'b' }, 'batch launch settled')
    expect(printed).not.toHaveBeenCalled()
    logger.warn({ reason: 'expired' }, 'lease lost')
    expect(printed.mock.calls).toEqual([
      ['[batchgate] lease lost', { instanceId: 'gw-1', reason: 'expired' }],
    ])
  })

  it('refuses a logger without pino methods (no child) with INVALID_OPTIONS', async () => {
    const childless = { info: () => undefined, warn: () => undefined, error: () => undefined }
    await expect(
      engines.open(tempDatabase('logging-invalid'), { logger: childless as unknown as Logger }),
    ).rejects.toMatchObject({
      code: ErrorCode.INVALID_OPTIONS,
      message: expect.stringContaining('child') as string,
    })
  })
})
