// OTLP trace export from a real gateway process to a real HTTP receiver: after a submission and the
// gateway's close, the receiver got the REST request's span, the submission's inside it and the
// metastore insert inside that, with the service's resource; the OTLP headers reached the receiver but
// neither the gateway's logs nor the environment of the batch command it ran.
import { randomUUID } from 'node:crypto'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startGatewayProcess } from './helpers/gateway-process.js'
import { startOtlpReceiver, type OtlpReceiver } from './helpers/otlp-receiver.js'
import { rest } from './helpers/rest-client.js'

let dir: string
let receiver: OtlpReceiver

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-traces-'))
  receiver = await startOtlpReceiver()
})

afterAll(async () => {
  await receiver.close()
  rmSync(dir, { recursive: true, force: true })
})

/** OTLP/JSON's shapes, as far as the test reads them. */
interface OtlpAttribute {
  readonly key: string
  readonly value: { readonly stringValue?: string; readonly intValue?: number | string }
}
interface OtlpSpan {
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId?: string
  readonly name: string
  readonly kind: number
  readonly attributes?: readonly OtlpAttribute[]
}
interface OtlpTraces {
  readonly resourceSpans: readonly {
    readonly resource: { readonly attributes: readonly OtlpAttribute[] }
    readonly scopeSpans: readonly { readonly spans: readonly OtlpSpan[] }[]
  }[]
}

/** OTLP's SpanKind numbers. */
const SPAN_KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3 }

function attribute(attributes: readonly OtlpAttribute[] | undefined, key: string): unknown {
  const value = attributes?.find((candidate) => candidate.key === key)?.value
  return value?.stringValue ?? value?.intValue
}

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('a gateway with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('exports the nested spans of a submission over OTLP/HTTP when it closes, and leaks no header', async () => {
    const secret = `otlp-key-${randomUUID()}`
    const envFile = join(dir, 'batch-env.txt')
    const command = join(dir, 'print-env.sh')
    // The batch command writes the environment it got to the file named by its first argument.
    writeFileSync(command, '#!/bin/sh\nenv > "$2"\n')
    chmodSync(command, 0o755)
    const gateway = await startGatewayProcess(
      [
        '--store',
        `sqlite:${join(dir, 'metastore.db')}`,
        '--instance-id',
        'traced-gateway',
        '--thrift-port',
        'off',
        '--thrift-http-port',
        'off',
        '--batch-command',
        command,
        '--log-level',
        'trace',
        '--log-format',
        'json',
      ],
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_HEADERS: `x-api-key=${secret}`,
        OTEL_SERVICE_NAME: 'traces-test',
      },
    )
    let exitCode: number | NodeJS.Signals | undefined
    try {
      const id = randomUUID()
      const submitted = await rest(gateway.url, 'POST', '/batches', {
        batchType: 'SPARK',
        resource: 'hdfs:///jobs/report.jar',
        name: 'traced',
        conf: { 'kyuubi.batch.id': id },
        args: [envFile],
      })
      expect(submitted.status).toBe(200)
      await until('the batch finished', async () => {
        const { body } = await rest(gateway.url, 'GET', `/batches/${id}`)
        return (body as { state: string }).state === 'FINISHED'
      })
    } finally {
      exitCode = await gateway.stop()
      await gateway.drained()
    }
    expect(exitCode).toBe(0)

    const exports = receiver.received.filter((request) => request.path === '/v1/traces')
    expect(exports.length).toBeGreaterThan(0)
    for (const request of exports) {
      expect(request.method).toBe('POST')
      expect(request.headers['content-type']).toMatch(/^application\/json/)
      expect(request.headers['x-api-key']).toBe(secret)
    }
    const batches = exports.map((request) => JSON.parse(request.body) as OtlpTraces)
    const resources = batches.flatMap((traces) => traces.resourceSpans.map((spans) => spans.resource))
    for (const resource of resources) {
      expect(attribute(resource.attributes, 'service.name')).toBe('traces-test')
      expect(attribute(resource.attributes, 'service.instance.id')).toBe('traced-gateway')
    }
    const spans = batches.flatMap((traces) =>
      traces.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)),
    )
    const named = (name: string): OtlpSpan => {
      const [found, ...more] = spans.filter((span) => span.name === name)
      const names = spans.map((span) => span.name).join(', ')
      if (found === undefined || more.length > 0) throw new Error(`not one span ${name} among ${names}`)
      return found
    }
    const request = named('POST /api/v1/batches')
    const submit = named('batchgate submit')
    const insert = named('insertBatch')
    expect(request.kind).toBe(SPAN_KIND.SERVER)
    expect(submit.kind).toBe(SPAN_KIND.INTERNAL)
    expect(insert.kind).toBe(SPAN_KIND.CLIENT)
    expect(request.parentSpanId ?? '').toBe('')
    expect(submit.parentSpanId).toBe(request.spanId)
    expect(insert.parentSpanId).toBe(submit.spanId)
    expect(new Set([request.traceId, submit.traceId, insert.traceId]).size).toBe(1)
    expect(attribute(insert.attributes, 'db.system.name')).toBe('sqlite')
    expect(attribute(insert.attributes, 'db.operation.name')).toBe('insertBatch')

    // Neither the logs (at trace level) nor the batch command's environment got the OTLP settings.
    expect(gateway.output()).not.toContain(secret)
    const batchEnvironment = readFileSync(envFile, 'utf8')
    expect(batchEnvironment).toContain('BATCHGATE_BATCH_ID=')
    expect(batchEnvironment).not.toContain('OTEL_')
    expect(batchEnvironment).not.toContain(secret)
  })
})
