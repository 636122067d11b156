import { describe, expect, it } from 'vitest'
import { RecordingLauncher } from '@batchgate/testkit'
import { kyuubiNoneAuth } from '@batchgate/kyuubi-rest'
import { call, type Answer } from './helpers/http-call.js'
import { useSqliteRest } from './helpers/sqlite-rest.js'

const INSTANCES = '/api/v1/admin/instances'
const REASSIGN = '/api/v1/batches/reassign'
const MAX_BODY = 4096

// The two admin endpoints refuse what they must before the engine is asked: a caller who is not an
// admin (403, whatever the body says), a body that is not Kyuubi's ReassignBatchRequest (400), a body
// over maxBodyBytes (413). Each answer is the documented JSON error and no bug is reported.
describe('admin endpoints: permission and input checks over HTTP', () => {
  const harness = useSqliteRest()

  const serve = () =>
    harness.serve(
      { instanceId: 'gw-1', admins: ['admin'], launchers: { SPARK: new RecordingLauncher() } },
      { authenticate: kyuubiNoneAuth(), maxBodyBytes: MAX_BODY },
    )

  function expectError(answer: Answer, status: number, code: string, message: string): void {
    expect(answer.status, answer.text).toBe(status)
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(answer.json).toEqual({ code, message: expect.stringContaining(message) })
  }

  it('GET /admin/instances by a non-admin is 403 PERMISSION_DENIED', async () => {
    const { baseUrl } = await serve()
    const answer = await call(baseUrl, { path: INSTANCES, user: 'alice' })
    expectError(answer, 403, 'PERMISSION_DENIED', 'user alice may not list the instances')
    // Without credentials (Kyuubi's NONE mode): anonymous, not an admin either.
    expectError(await call(baseUrl, { path: INSTANCES }), 403, 'PERMISSION_DENIED', 'user anonymous')
    expect(harness.reported).toEqual([])
  })

  it('POST /batches/reassign by a non-admin is 403 PERMISSION_DENIED, whatever its body', async () => {
    const { baseUrl } = await serve()
    for (const body of [{ kyuubiInstance: 'gw-2' }, {}, [], 'null', '']) {
      const answer = await call(baseUrl, {
        method: 'POST',
        path: REASSIGN,
        body,
        headers: { 'Content-Type': 'application/json' },
        user: 'alice',
      })
      expectError(answer, 403, 'PERMISSION_DENIED', 'user alice may not reassign batches')
    }
    expect(harness.reported).toEqual([])
  })

  it('POST /batches/reassign without a kyuubiInstance string is 400 INVALID_REQUEST naming the field', async () => {
    const { baseUrl } = await serve()
    const json = { 'Content-Type': 'application/json' }
    // A string is sent as it is (raw JSON text), anything else as JSON.
    const post = (body: unknown) =>
      call(baseUrl, { method: 'POST', path: REASSIGN, body, headers: json, user: 'admin' })
    const cases: [body: unknown, message: string][] = [
      [{}, 'kyuubiInstance must be a non-empty string naming the lost instance; it is missing'],
      [{ instance: 'gw-2' }, 'it is missing'],
      [{ kyuubiInstance: '' }, 'got an empty string'],
      [{ kyuubiInstance: '   ' }, 'got an empty string'],
      [{ kyuubiInstance: null }, 'got null'],
      [{ kyuubiInstance: 2 }, 'got a number'],
      [{ kyuubiInstance: ['gw-2'] }, 'got a list'],
      [{ kyuubiInstance: { id: 'gw-2' } }, 'got an object'],
      [['gw-2'], 'the request body must be a JSON object'],
      ['"gw-2"', 'the request body must be a JSON object'],
    ]
    for (const [body, message] of cases) {
      expectError(await post(body), 400, 'INVALID_REQUEST', message)
    }
    expectError(await post(''), 400, 'INVALID_REQUEST', 'the request body is empty')
    expectError(await post('{"kyuubiInstance": "gw-2"'), 400, 'INVALID_REQUEST', 'not valid JSON')
    expect(harness.reported).toEqual([])
  })

  it('POST /batches/reassign with a body over maxBodyBytes is 413, a form is 415', async () => {
    const { baseUrl } = await serve()
    const big = { kyuubiInstance: 'gw-2', padding: 'x'.repeat(MAX_BODY) }
    const answer = await call(baseUrl, { method: 'POST', path: REASSIGN, body: big, user: 'admin' })
    expectError(answer, 413, 'PAYLOAD_TOO_LARGE', `${MAX_BODY} bytes`)
    const form = await call(baseUrl, {
      method: 'POST',
      path: REASSIGN,
      body: 'kyuubiInstance=gw-2',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      user: 'admin',
    })
    expectError(form, 415, 'UNSUPPORTED_MEDIA_TYPE', 'application/json')
    expect(harness.reported).toEqual([])
  })

  it('other methods on the admin paths are 405 with Allow', async () => {
    const { baseUrl } = await serve()
    const put = await call(baseUrl, { method: 'PUT', path: INSTANCES, user: 'admin' })
    expectError(put, 405, 'METHOD_NOT_ALLOWED', 'it answers GET')
    expect(put.headers.allow).toBe('GET')
    // GET and DELETE are the routes of /batches/{batchId}, which this path also matches.
    const putReassign = await call(baseUrl, { method: 'PUT', path: REASSIGN, user: 'admin' })
    expect(putReassign.status).toBe(405)
    expect(putReassign.headers.allow).toBe('GET, POST, DELETE')
  })
})
