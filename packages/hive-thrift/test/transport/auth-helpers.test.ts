import { describe, expect, it } from 'vitest'
import {
  ThriftAuthenticationError,
  thriftNoAuth,
  thriftPasswordAuth,
  type ThriftAuthenticationPeer,
} from '../../src/index.js'

const peer: ThriftAuthenticationPeer = { transport: 'binary', remoteAddress: '127.0.0.1' }

describe('thriftPasswordAuth', () => {
  it('lets in only the credentials verify answers true for, as that user', async () => {
    const authenticate = thriftPasswordAuth({
      verify: (user, password) => (password === 'yes' ? true : (1 as unknown as boolean)),
    })
    await expect(authenticate({ user: 'alice', password: 'yes' }, peer)).resolves.toBe('alice')
    // A truthy value by mistake is a refusal.
    await expect(authenticate({ user: 'alice', password: 'truthy' }, peer)).rejects.toThrow(
      new ThriftAuthenticationError('wrong user name or password'),
    )
  })

  it('refuses a client without credentials, and one whose check throws, keeping the cause', async () => {
    const failure = new Error('directory down')
    const authenticate = thriftPasswordAuth({
      verify: () => {
        throw failure
      },
    })
    await expect(authenticate(undefined, peer)).rejects.toBeInstanceOf(ThriftAuthenticationError)
    const refusal = await Promise.resolve(authenticate({ user: 'a', password: 'p' }, peer)).catch(
      (error: unknown) => error,
    )
    expect(refusal).toBeInstanceOf(ThriftAuthenticationError)
    expect((refusal as ThriftAuthenticationError).code).toBe('THRIFT_AUTHENTICATION_FAILED')
    expect((refusal as Error).cause).toBe(failure)
    expect(() => thriftPasswordAuth({} as never)).toThrow(TypeError)
  })
})

describe('thriftNoAuth', () => {
  it('trusts the named user and has none without credentials', async () => {
    const authenticate = thriftNoAuth()
    expect(await authenticate({ user: 'bob', password: 'ignored' }, peer)).toBe('bob')
    expect(await authenticate(undefined, peer)).toBeUndefined()
  })
})
