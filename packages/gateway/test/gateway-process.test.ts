// The command itself: its refusals of bad command lines, Basic authentication, and a clean stop.
import { request } from 'node:http'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runGatewayToExit, startGatewayProcess } from './helpers/gateway-process.js'
import { basic, rest } from './helpers/rest-client.js'

let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'batchgate-gateway-process-'))
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function store(): string {
  return `sqlite:${join(dir, `${Math.random().toString(36).slice(2)}.db`)}`
}

describe('batchgate-gateway', () => {
  it('prints its flags for --help and exits 0', async () => {
    const { code, output } = await runGatewayToExit(['--help'])
    expect(code).toBe(0)
    for (const flag of [
      '--store',
      '--instance-id',
      '--host',
      '--rest-port',
      '--thrift-port',
      '--thrift-http-port',
      '--thrift-grace-ms',
      '--data',
      '--batch-command',
      '--log-dir',
      '--admins',
      '--auth',
    ]) {
      expect(output).toContain(flag)
    }
  })

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--rest-port=-1'], /--rest-port must be an integer from 0 to 65535/],
    [['--store', 'redis://x'], /--store must be sqlite:FILE, mysql:\/\/.* got "redis:\/\/x"/],
    [['--data', '/nonexistent/data.db'], /--data \/nonexistent\/data.db cannot be read \(ENOENT\)/],
  ])('exits 2 for %j with a clear message', async (args, message) => {
    // The case's flags come last: a repeated flag's last value counts.
    const { code, output } = await runGatewayToExit(['--rest-port', '0', '--store', store(), ...args])
    expect(code).toBe(2)
    expect(output).toMatch(message)
    expect(output).toContain('Run batchgate-gateway --help for the flags.')
    expect(output).not.toContain('rest listening')
  })

  it('prints the Thrift fronts it serves after the REST line, and none with off', async () => {
    const both = await startGatewayProcess(['--store', store()])
    try {
      expect(both.thrift).toEqual({ host: '127.0.0.1', port: expect.any(Number) })
      expect(both.thriftHttpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cliservice$/)
      // stdout carries the readiness lines only (the logs go to stderr).
      expect(both.stdout()).toMatch(
        /^rest listening on \S+\nthrift binary listening on 127\.0\.0\.1:\d+\nthrift http listening on \S+\n/,
      )
    } finally {
      expect(await both.stop()).toBe(0)
    }
    const none = await startGatewayProcess([
      '--store',
      store(),
      '--thrift-port',
      'off',
      '--thrift-http-port',
      'off',
    ])
    try {
      expect(none.thrift).toBeUndefined()
      expect(none.thriftHttpUrl).toBeUndefined()
    } finally {
      expect(await none.stop()).toBe(0)
    }
    expect(none.stdout()).not.toContain('thrift')
  })

  it('refuses a non-loopback host unless --auth none is chosen explicitly, and then listens there', async () => {
    const refused = await runGatewayToExit(['--host', '0.0.0.0', '--rest-port', '0', '--store', store()])
    expect(refused.code).toBe(2)
    expect(refused.output).toMatch(
      /--host 0.0.0.0 is not one of 127.0.0.1, localhost, ::1, \[::1\], so it may be reachable from other machines: choose --auth basic/,
    )
    expect(refused.output).not.toContain('rest listening')

    const chosen = await startGatewayProcess([
      '--host',
      '0.0.0.0',
      '--auth',
      'none',
      '--rest-port',
      '0',
      '--store',
      store(),
    ])
    try {
      expect(chosen.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/)
    } finally {
      expect(await chosen.stop()).toBe(0)
    }
  })

  it('with --auth basic, answers 401 without the right password and never prints a password', async () => {
    const users = join(dir, 'users')
    writeFileSync(users, '# gateway users\nalice:correct horse battery\nbob:s3cret:with:colons\n', {
      mode: 0o600,
    })
    const gateway = await startGatewayProcess(['--auth', 'basic', '--rest-port', '0', '--store', store()], {
      BATCHGATE_AUTH_FILE: users,
    })
    try {
      const anonymous = await fetch(`${gateway.url}/api/v1/batches`)
      expect(anonymous.status).toBe(401)
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic/)
      expect((await rest(gateway.url, 'GET', '/batches', undefined, basic('alice', 'wrong'))).status).toBe(
        401,
      )
      expect(
        (await rest(gateway.url, 'GET', '/batches', undefined, basic('mallory', 'correct horse battery')))
          .status,
      ).toBe(401)
      expect(
        (await rest(gateway.url, 'GET', '/batches', undefined, basic('alice', 'correct horse battery')))
          .status,
      ).toBe(200)
      expect(
        (await rest(gateway.url, 'GET', '/batches', undefined, basic('bob', 's3cret:with:colons'))).status,
      ).toBe(200)
    } finally {
      expect(await gateway.stop()).toBe(0)
    }
    expect(gateway.output()).not.toMatch(/correct horse|s3cret/)
  })

  it('on SIGTERM stops accepting, answers the request in flight, and exits 0', async () => {
    const gateway = await startGatewayProcess(['--rest-port', '0', '--store', store()])
    try {
      const body = JSON.stringify({
        batchType: 'SPARK',
        resource: 'job.jar',
        name: 'in-flight',
        conf: {},
        args: [],
      })
      const half = Math.floor(body.length / 2)
      const { hostname: host, port } = new URL(gateway.url)
      const call = request({
        host,
        port,
        method: 'POST',
        path: '/api/v1/batches',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: basic('alice'),
        },
      })
      const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
        call.on('error', reject)
        call.on('response', (response) => {
          let text = ''
          response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, body: text })
          })
        })
      })
      // Awaited below; a failure before then must not count as unhandled.
      answer.catch(() => undefined)
      // Half the body now, the rest after the signal: the request is in flight when it arrives.
      call.write(body.slice(0, half))
      await sleep(300)
      const exit = gateway.stop('SIGTERM')
      await sleep(300)
      // A new connection is refused while the request in flight waits for the rest of its body.
      await expect(fetch(`${gateway.url}/api/v1/ping`)).rejects.toThrow()
      call.end(body.slice(half))
      const { status, body: text } = await answer
      expect(status).toBe(200)
      expect(JSON.parse(text)).toMatchObject({ name: 'in-flight', user: 'alice' })
      expect(await exit).toBe(0)
    } finally {
      // Whatever failed above, no gateway is left running.
      await gateway.stop('SIGKILL')
    }
  })
})
