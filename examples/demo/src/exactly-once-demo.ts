import { randomUUID } from 'node:crypto'
import {
  createEngine,
  isDuplicatedSubmission,
  KYUUBI_BATCH_ID_KEY,
  type Batch,
  type BatchLauncher,
  type Engine,
} from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'

const INSTANCES = ['gateway-1', 'gateway-2', 'gateway-3'] as const

/**
 * Part one: three gateway instances share one SQLite file and receive the same submission at the same
 * moment (a client retrying through a load balancer). One creates and launches the batch; the others
 * answer with the stored batch, marked duplicated.
 */
export async function runExactlyOnceDemo(filename: string, print: (line: string) => void): Promise<void> {
  const launches: string[] = []
  const launcherOf = (instanceId: string): BatchLauncher => ({
    launch: async (batch) => {
      launches.push(instanceId)
      print(`  [${instanceId}] launcher called for ${batch.name ?? batch.id}: running the Spark job…`)
      await new Promise((resolve) => setTimeout(resolve, 50))
    },
  })
  const engines: Engine[] = await Promise.all(
    INSTANCES.map((instanceId) =>
      createEngine({
        store: sqliteStore({ filename }),
        instanceId,
        launchers: { SPARK: launcherOf(instanceId) },
      }),
    ),
  )
  try {
    const id = randomUUID()
    print(`Part 1: exactly-once submission`)
    print(`  ${INSTANCES.length} engine instances on one SQLite file: ${filename}`)
    print(`  every instance receives the same submission, ${KYUUBI_BATCH_ID_KEY}=${id}, at once`)
    const request = {
      batchType: 'SPARK',
      resource: 'hdfs:///jobs/daily-report.jar',
      className: 'org.example.DailyReport',
      name: 'daily-report',
      conf: { [KYUUBI_BATCH_ID_KEY]: id, 'spark.executor.memory': '4g' },
      args: ['--day', '2026-11-20'],
    }
    const answers = await Promise.all(
      engines.map((engine) => engine.batches.submit(request, { user: 'alice' })),
    )
    answers.forEach((batch, i) => {
      print(`  ${INSTANCES[i] ?? '?'}: ${describeAnswer(batch)}`)
    })
    await Promise.all(engines.map((engine) => engine.launchesSettled()))

    const stored = await engines[0]?.batches.get(id, { user: 'alice' })
    const created = answers.filter((batch) => !isDuplicatedSubmission(batch)).length
    print(
      `  created: ${created}, duplicates: ${answers.length - created}, launcher calls: ${launches.length}`,
    )
    print(`  stored batch: state ${stored?.state ?? 'missing'}, created by ${stored?.createdBy ?? '?'}`)
  } finally {
    await Promise.all(engines.map((engine) => engine.close()))
  }
}

function describeAnswer(batch: Batch): string {
  const when = new Date(batch.createTime).toISOString()
  return isDuplicatedSubmission(batch)
    ? `duplicate — got the stored batch (createTime ${when}, created by ${batch.createdBy})`
    : `CREATED the batch (createTime ${when})`
}
