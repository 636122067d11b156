import { describe, expect, it } from 'vitest'
import { BatchgateError, ErrorCode } from '@batchgate/core'
import {
  AuthenticationError,
  basicAuth,
  kyuubiNoneAuth,
  kyuubiRestHandler,
  type BatchDto,
  type KyuubiRestOptions,
} from '@batchgate/kyuubi-rest'
import { basicHeader, call } from './helpers/http-call.js'
import { newSparkBatchRequest } from './helpers/kyuubi-requests.js'
import type { RestServer } from './helpers/rest-server.js'
import { useSqliteRest } from './helpers/sqlite-rest.js'

const PASSWORDS = new Map([
  ['alice', 'wonder-land'],
  ['bob', 'b0b'],
])
const verify = (user: string, password: string): boolean => PASSWORDS.get(user) === password

describe('authentication', () => {
  const harness = useSqliteRest()
  const serve = (options: KyuubiRestOptions): Promise<RestServer> => harness.serve({}, options)

  it('refuses a missing authenticate, with no silent default', async () => {
    const engine = (await serve({ authenticate: kyuubiNoneAuth() })).engine
    const missing = [undefined, {}, { authenticate: 'none' }] as unknown as KyuubiRestOptions[]
    for (const options of missing) {
      expect(() => kyuubiRestHandler(engine, options)).toThrow(
        expect.objectContaining({
          code: ErrorCode.INVALID_OPTIONS,
          message: expect.stringContaining('authenticate'),
        }),
      )
    }
    expect(() => kyuubiRestHandler(engine, { authenticate: kyuubiNoneAuth(), maxBodyBytes: 0 })).toThrow(
      BatchgateError,
    )
    expect(() => kyuubiRestHandler(engine, { authenticate: kyuubiNoneAuth(), basePath: 'api/' })).toThrow(
      BatchgateError,
    )
  })

  describe('basicAuth', () => {
    it('answers 401 with the Basic challenge without credentials or with wrong ones, never echoing a password', async () => {
      const { baseUrl } = await serve({ authenticate: basicAuth({ verify }) })
      const cases = [
        { headers: {} },
        { headers: { Authorization: basicHeader('alice', 'not-her-password') } },
        { headers: { Authorization: basicHeader('mallory', 'wonder-land') } },
        { headers: { Authorization: 'Bearer abc.def' } },
        { headers: { Authorization: 'Basic %%%not-base64%%%' } },
        { headers: { Authorization: `Basic ${Buffer.from('no-colon-here').toString('base64')}` } },
        { headers: { Authorization: `Basic ${Buffer.from(':wonder-land').toString('base64')}` } },
      ]
      for (const { headers } of cases) {
        const answer = await call(baseUrl, { path: '/api/v1/version', headers })
        expect(answer.status, JSON.stringify(headers)).toBe(401)
        expect(answer.headers['www-authenticate']).toBe('Basic realm="batchgate"')
        expect(answer.json).toMatchObject({ code: 'UNAUTHENTICATED', message: expect.any(String) })
        expect(answer.text).not.toContain('wonder-land')
        expect(answer.text).not.toContain('not-her-password')
      }
      expect(harness.reported).toEqual([])
    })

    it('lets the right user in, whatever the case of the scheme name (Kyuubi sends BASIC)', async () => {
      const { baseUrl } = await serve({ authenticate: basicAuth({ verify }), version: '1.10.0-batchgate' })
      for (const scheme of ['Basic', 'BASIC', 'basic', 'bAsIc']) {
        const answer = await call(baseUrl, {
          path: '/api/v1/version',
          headers: { Authorization: basicHeader('alice', 'wonder-land', scheme) },
        })
        expect(answer.status, scheme).toBe(200)
        expect(answer.json).toEqual({ version: '1.10.0-batchgate' })
      }
      const submitted = await call(baseUrl, {
        method: 'POST',
        path: '/api/v1/batches',
        body: newSparkBatchRequest(),
        headers: { Authorization: basicHeader('bob', 'b0b', 'BASIC') },
      })
      expect(submitted.status).toBe(200)
      expect((submitted.json as BatchDto).user).toBe('bob')
    })

    it('answers 401 when verify throws or answers anything but true', async () => {
      const verdicts: unknown[] = [new Error('LDAP is down, password was wonder-land'), 'yes', 1, undefined]
      let next = 0
      const { baseUrl } = await serve({
        authenticate: basicAuth({
          verify: () => {
            const verdict = verdicts[next++]
            if (verdict instanceof Error) throw verdict
            return verdict as boolean
          },
        }),
      })
      for (let left = verdicts.length; left > 0; left--) {
        const answer = await call(baseUrl, {
          path: '/api/v1/version',
          user: 'alice',
          password: 'wonder-land',
        })
        expect(answer.status).toBe(401)
        expect(answer.text).not.toContain('wonder-land')
      }
    })

    it('serves GET /ping without credentials, for health checks', async () => {
      const { baseUrl } = await serve({ authenticate: basicAuth({ verify }) })
      const answer = await call(baseUrl, { path: '/api/v1/ping' })
      expect(answer.status).toBe(200)
      expect(answer.text).toBe('pong')
      expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8')
    })
  })

  describe("kyuubiNoneAuth (Kyuubi's NONE mode)", () => {
    it('trusts the Basic user name, ignores the password, and is anonymous without a header', async () => {
      const { baseUrl } = await serve({ authenticate: kyuubiNoneAuth() })
      const submit = (headers: Record<string, string>) =>
        call(baseUrl, { method: 'POST', path: '/api/v1/batches', body: newSparkBatchRequest(), headers })
      expect(((await submit({})).json as BatchDto).user).toBe('anonymous')
      expect(
        ((await submit({ Authorization: basicHeader('carol', 'anything') })).json as BatchDto).user,
      ).toBe('carol')
      expect(
        ((await submit({ Authorization: basicHeader('dave', '', 'BASIC') })).json as BatchDto).user,
      ).toBe('dave')
      const negotiate = await submit({ Authorization: 'Negotiate YIIB' })
      expect(negotiate.status).toBe(401)
      expect(negotiate.headers['www-authenticate']).toBe('Basic realm="batchgate"')
    })
  })

  describe('a custom authenticate', () => {
    it("shows an AuthenticationError's message, and only that", async () => {
      let refusal: Error = new AuthenticationError('the session cookie expired')
      const { baseUrl } = await serve({
        authenticate: () => Promise.reject(refusal),
      })
      let answer = await call(baseUrl, { path: '/api/v1/version' })
      expect(answer.status).toBe(401)
      expect(answer.json).toEqual({ code: 'UNAUTHENTICATED', message: 'the session cookie expired' })
      refusal = new Error('token s3cr3t is not in the cache')
      answer = await call(baseUrl, { path: '/api/v1/version' })
      expect(answer.status).toBe(401)
      expect(answer.json).toEqual({ code: 'UNAUTHENTICATED', message: 'authentication failed' })
    })

    it('treats a user that is not a non-empty string as the host bug it is: 500, reported, nothing more', async () => {
      const { baseUrl } = await serve({ authenticate: () => '' })
      const answer = await call(baseUrl, { path: '/api/v1/version' })
      expect(answer.status).toBe(500)
      expect(answer.json).toEqual({
        code: 'INTERNAL_ERROR',
        message: 'internal error: the server failed to answer',
      })
      expect(harness.reported).toHaveLength(1)
      expect(String(harness.reported[0])).toContain('authenticate resolved with an empty string')
    })
  })
})
