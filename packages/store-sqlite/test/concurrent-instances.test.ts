import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createEngine, isDuplicatedSubmission, type BatchgateError } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import { sparkRequest } from './helpers/batch-requests.js'
import { createBarrier } from './helpers/latch.js'
import { expectRaceSettled, type RaceAnswer } from './helpers/race-outcome.js'
import { RecordingLauncher } from './helpers/recording-launcher.js'
import { tempDatabasePath } from './helpers/temp-database.js'

const WORKER = fileURLToPath(new URL('./fixtures/submit-worker.mjs', import.meta.url))

describe('several instances on one SQLite file, submitting the same ids at once', () => {
  it.each([true, false])(
    'in one process, each engine with its own connection (lookupBeforeInsert: %s)',
    async (lookupBeforeInsert) => {
      const filename = tempDatabasePath()
      const ids = Array.from({ length: 25 }, () => randomUUID())
      const instances = 6
      const submitsPerId = 3
      const launcher = new RecordingLauncher()
      const engines = await Promise.all(
        Array.from({ length: instances }, (_, i) =>
          createEngine({
            store: sqliteStore({ filename }),
            instanceId: `in-process-${i}`,
            launchers: { SPARK: launcher },
            lookupBeforeInsert,
          }),
        ),
      )
      const started = createBarrier(instances)

      const answers = (
        await Promise.all(
          engines.map(async (engine) => {
            await started()
            return Promise.all(
              ids.flatMap((id) =>
                Array.from({ length: submitsPerId }, () =>
                  engine.batches.submit(sparkRequest(id), { user: 'alice' }).then(
                    (batch): RaceAnswer => ({
                      id,
                      duplicated: isDuplicatedSubmission(batch),
                      createTime: batch.createTime,
                    }),
                    (error: unknown): RaceAnswer => ({
                      id,
                      error: { code: (error as BatchgateError).code, message: String(error) },
                    }),
                  ),
                ),
              ),
            )
          }),
        )
      ).flat()
      await Promise.all(engines.map((engine) => engine.launchesSettled()))

      expect(answers).toHaveLength(instances * ids.length * submitsPerId)
      expectRaceSettled(
        filename,
        ids,
        answers,
        launcher.launched.map((batch) => batch.id),
      )
      await Promise.all(engines.map((engine) => engine.close()))
    },
  )

  it('in several OS processes started together', { timeout: 60_000 }, async () => {
    const filename = tempDatabasePath()
    const ids = Array.from({ length: 30 }, () => randomUUID())
    const processes = 4
    const submitsPerId = 2
    const workers = Array.from({ length: processes }, (_, i) =>
      startWorker({ filename, instanceId: `process-${i}`, ids, submitsPerId }),
    )
    await Promise.all(workers.map((worker) => worker.ready))
    for (const worker of workers) worker.go()
    const results = await Promise.all(workers.map((worker) => worker.result))

    const answers = results.flatMap((result) => result.answers)
    expect(answers).toHaveLength(processes * ids.length * submitsPerId)
    // The work really was spread: more than one process created batches.
    const creators = results.filter((result) => result.answers.some((answer) => answer.duplicated === false))
    expect(creators.length).toBeGreaterThan(0)
    expectRaceSettled(
      filename,
      ids,
      answers,
      results.flatMap((result) => result.launchedIds),
    )
  })
})

interface WorkerResult {
  answers: RaceAnswer[]
  launchedIds: string[]
}

function startWorker(job: { filename: string; instanceId: string; ids: string[]; submitsPerId: number }) {
  const child = spawn(process.execPath, [WORKER, JSON.stringify(job)], { stdio: ['pipe', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const lines = createInterface({ input: child.stdout })
  const received: string[] = []
  let onReady: () => void = () => undefined
  let onFailure: (error: Error) => void = () => undefined
  // A worker that dies before saying "ready" fails the test at once instead of leaving it waiting.
  const ready = new Promise<void>((resolve, reject) => {
    onReady = resolve
    onFailure = reject
  })
  lines.on('line', (line) => {
    if (line === 'ready') onReady()
    else received.push(line)
  })
  const result = new Promise<WorkerResult>((resolve, reject) => {
    child.on('exit', (code) => {
      const last = received.at(-1)
      if (code === 0 && last !== undefined) {
        resolve(JSON.parse(last) as WorkerResult)
        return
      }
      const failure = new Error(`worker ${job.instanceId} exited ${code}: ${stderr}`)
      onFailure(failure)
      reject(failure)
    })
  })
  result.catch(() => undefined)
  return { ready, result, go: () => child.stdin.end('go\n') }
}
