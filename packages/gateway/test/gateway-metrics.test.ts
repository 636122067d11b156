// GET /metrics over real HTTP, parsed by the official Prometheus client's parser (the names are the
// exporter's: dots turned into _, _total on counters, no unit suffix: the unit is on a # UNIT line): the submissions (a
// new one and a duplicate of its id), the metastore calls and the REST requests they made, on the REST
// port by default, on a port of its own with --metrics-port, and nowhere with --metrics-port off.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningGateway } from '../src/index.js'
import { builtGateway } from './helpers/built-gateway.js'
import { family, parsePrometheusText, type PrometheusSample } from './helpers/prometheus-parser.js'
import { rest } from './helpers/rest-client.js'

let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-metrics-'))
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

/** An in-process gateway (from dist: its bundled batch job runs from there) with the Thrift fronts off. */
function startGateway(...flags: string[]): Promise<RunningGateway> {
  return builtGateway.startGateway(
    builtGateway.parseGatewayFlags(
      [
        '--rest-port',
        '0',
        '--thrift-port',
        'off',
        '--thrift-http-port',
        'off',
        '--store',
        `sqlite:${join(dir, `${randomUUID()}.db`)}`,
        '--log-level',
        'warn',
        ...flags,
      ],
      {},
    ),
  )
}

function submission(id: string): unknown {
  return {
    batchType: 'SPARK',
    resource: 'hdfs:///jobs/report.jar',
    className: 'org.example.Report',
    name: 'metrics',
    conf: { 'kyuubi.batch.id': id },
    args: [],
  }
}

function samples(
  found: readonly PrometheusSample[],
  name: string,
  labels: Record<string, string>,
): PrometheusSample[] {
  return found.filter(
    (sample) =>
      sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  )
}

describe('GET /metrics', () => {
  it('counts a new submission and a duplicate, times their metastore calls and REST requests', async () => {
    const gateway = await startGateway()
    try {
      expect(gateway.metricsUrl).toBe(`${gateway.url}/metrics`)
      const id = randomUUID()
      const first = await rest(gateway.url, 'POST', '/batches', submission(id))
      const second = await rest(gateway.url, 'POST', '/batches', submission(id))
      expect([first.status, second.status]).toEqual([200, 200])
      expect((second.body as { batchInfo: Record<string, string> }).batchInfo).toMatchObject({
        'kyuubi.batch.duplicated': 'true',
      })

      const response = await fetch(gateway.metricsUrl ?? '')
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/)
      const families = parsePrometheusText(await response.text())

      const submissions = family(families, 'batchgate_submissions')
      expect(submissions.type).toBe('counter')
      const counted = (outcome: string): unknown[] =>
        samples(submissions.samples, 'batchgate_submissions_total', {
          batchgate_submit_outcome: outcome,
        }).map((sample) => sample.value)
      expect(counted('created')).toEqual([1])
      expect(counted('duplicate')).toEqual([1])

      const metastore = family(families, 'db_client_operation_duration')
      expect(metastore.type).toBe('histogram')
      const inserts = samples(metastore.samples, 'db_client_operation_duration_count', {
        db_system_name: 'sqlite',
        db_operation_name: 'insertBatch',
      })
      expect(inserts.length).toBeGreaterThan(0)
      expect(inserts.reduce((sum, sample) => sum + Number(sample.value), 0)).toBeGreaterThanOrEqual(1)
      expect(
        samples(metastore.samples, 'db_client_operation_duration_bucket', {
          db_system_name: 'sqlite',
          le: '+Inf',
        }).length,
      ).toBeGreaterThan(0)

      const requests = family(families, 'http_server_request_duration')
      expect(requests.type).toBe('histogram')
      const posts = samples(requests.samples, 'http_server_request_duration_count', {
        http_request_method: 'POST',
        http_route: '/api/v1/batches',
        http_response_status_code: '200',
      })
      expect(posts.map((sample) => sample.value)).toEqual([2])
    } finally {
      await gateway.close()
    }
  })

  it('answers GET and HEAD only (405 with Allow otherwise)', async () => {
    const gateway = await startGateway()
    try {
      const url = gateway.metricsUrl ?? ''
      const post = await fetch(url, { method: 'POST' })
      expect(post.status).toBe(405)
      expect(post.headers.get('allow')).toBe('GET, HEAD')
      await post.text()
      const head = await fetch(url, { method: 'HEAD' })
      expect(head.status).toBe(200)
      expect(await head.text()).toBe('')
      // The REST API's own 404 is unchanged for other paths.
      expect((await fetch(`${gateway.url}/metrics/more`)).status).toBe(404)
    } finally {
      await gateway.close()
    }
  })

  it('is served on a port of its own with --metrics-port, and the REST port answers 404 for it', async () => {
    const gateway = await startGateway('--metrics-port', '0')
    try {
      const url = new URL(gateway.metricsUrl ?? '')
      expect(url.pathname).toBe('/metrics')
      expect(url.origin).not.toBe(new URL(gateway.url).origin)
      expect(url.hostname).toBe('127.0.0.1')
      const scraped = await fetch(url)
      expect(scraped.status).toBe(200)
      expect(family(parsePrometheusText(await scraped.text()), 'target_info').type).toBe('gauge')
      expect((await fetch(`${url.origin}/other`)).status).toBe(404)
      expect((await fetch(`${gateway.url}/metrics`)).status).toBe(404)
    } finally {
      await gateway.close()
    }
  })

  it('is served nowhere with --metrics-port off', async () => {
    const gateway = await startGateway('--metrics-port', 'off')
    try {
      expect(gateway.metricsUrl).toBeUndefined()
      expect((await fetch(`${gateway.url}/metrics`)).status).toBe(404)
      expect((await rest(gateway.url, 'GET', '/ping')).status).toBe(200)
    } finally {
      await gateway.close()
    }
  })
})
