// The README's container example as a real program: the host's own inversify Container (resolved from
// the scratch project's node_modules, the peer dependency core and the stores share) loads core's and the
// store's modules and rebinds one of core's tokens.
import { Container } from 'inversify'
import { isDuplicatedSubmission, type BatchRequest } from '@batchgate/core'
import { CLOCK, coreModule, openEngine } from '@batchgate/core/di'
import { sqliteStoreModule } from '@batchgate/store-sqlite'

const container = new Container()
container.load(coreModule({ instanceId: 'gw-1' }), sqliteStoreModule({ filename: './di-host.db' }))
container.rebind(CLOCK).toConstantValue({ now: () => 1_700_000_000_000 })
const engine = await openEngine(container)

const request: BatchRequest = {
  batchType: 'SPARK',
  resource: 'hdfs:///jobs/app.jar',
  name: 'from-a-container',
  conf: { 'kyuubi.batch.id': '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9' },
  args: [],
}
try {
  const first = await engine.batches.submit(request, { user: 'bob' })
  const again = await engine.batches.submit(request, { user: 'bob' })
  if (first.createTime !== 1_700_000_000_000) throw new Error('di-host: the rebound clock was not used')
  if (isDuplicatedSubmission(first) || !isDuplicatedSubmission(again)) {
    throw new Error('di-host: expected the second submission to be answered as a duplicate')
  }
} finally {
  await engine.close()
}
console.log('di-host: the host container ran the engine, the duplicate detected')
