/// <reference types="node" />
// @batchgate/kyuubi-rest's README example ("Mounting it in node:http") as a real program, run by
// scripts/check-packages.mjs in a scratch npm project that installed the packed tarballs: a Kyuubi REST
// client's batch submitted twice over HTTP is created once and answered as a duplicate the second time.
import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createEngine, KYUUBI_BATCH_DUPLICATED_KEY, KYUUBI_BATCH_ID_KEY } from '@batchgate/core'
import { sqliteStore } from '@batchgate/store-sqlite'
import { basicAuth, kyuubiRestHandler, type BatchDto } from '@batchgate/kyuubi-rest'

const launched: string[] = []
const engine = await createEngine({
  store: sqliteStore({ filename: './rest-host.db' }),
  instanceId: 'gateway-1:10099',
  launchers: {
    SPARK: {
      launch: (batch) => {
        launched.push(batch.id)
        return Promise.resolve()
      },
    },
  },
})
const handler = kyuubiRestHandler(engine, {
  authenticate: basicAuth({ verify: (user, password) => user === 'alice' && password === 'secret' }),
})
const server = createServer(handler).listen(0, '127.0.0.1')
await once(server, 'listening')
const { port } = server.address() as AddressInfo

try {
  const submit = async (): Promise<BatchDto> => {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/batches`, {
      method: 'POST',
      // Kyuubi's Java client spells the scheme BASIC.
      headers: {
        'Content-Type': 'application/json',
        Authorization: `BASIC ${Buffer.from('alice:secret').toString('base64')}`,
      },
      body: JSON.stringify({
        batchType: 'SPARK',
        resource: 'hdfs:///jobs/app.jar',
        className: 'org.example.Main',
        conf: { [KYUUBI_BATCH_ID_KEY]: '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69' },
      }),
    })
    check(response.status === 200, `POST /batches answers 200, got ${response.status}`)
    return (await response.json()) as BatchDto
  }
  const first = await submit()
  const again = await submit()
  const refused = await fetch(`http://127.0.0.1:${port}/api/v1/batches/${first.id}`)
  check(refused.status === 401, `a request without credentials is 401, got ${refused.status}`)
  check(first.batchInfo[KYUUBI_BATCH_DUPLICATED_KEY] === undefined, 'the first submission creates the batch')
  check(again.batchInfo[KYUUBI_BATCH_DUPLICATED_KEY] === 'true', 'the second one is answered as a duplicate')
  check(again.createTime === first.createTime, 'the duplicate is the stored batch')
  await engine.launchesSettled()
  check(launched.length === 1, `launched once, got ${launched.length}`)
} finally {
  server.close()
  await handler.close()
  await engine.close()
}
console.log('rest-host: one batch over HTTP, the duplicate detected')

function check(holds: boolean, what: string): void {
  if (!holds) throw new Error(`rest-host: expected that ${what}`)
}
