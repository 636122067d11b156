import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { HandleSigner } from '../../src/service/handle-signer.js'

describe('HandleSigner', () => {
  it('reads back every handle it signed, past the bound of its secret cache, and a cached secret it handed out cannot be altered', () => {
    const signer = new HandleSigner()
    const handles = Array.from({ length: 2500 }, () => randomUUID())
    const identifiers = handles.map((handle) => signer.identifier(handle))
    // Read twice: the first pass fills (and overflows) the cache, the second reads evicted and cached guids.
    for (let pass = 0; pass < 2; pass++) {
      identifiers.forEach((identifier, index) => {
        expect(signer.handleOf(identifier)).toBe(handles[index])
      })
    }
    const first = identifiers[2499]
    if (first === undefined) throw new Error('no identifier')
    first.secret.fill(0)
    expect(signer.handleOf(first)).toBeUndefined()
    expect(signer.handleOf(signer.identifier(handles[2499] ?? ''))).toBe(handles[2499])
  })

  it('refuses a wrong secret whether the guid is cached or not', () => {
    const signer = new HandleSigner()
    const handle = randomUUID()
    const { guid, secret } = signer.identifier(handle)
    const wrong = Buffer.from(secret)
    wrong[0] = (wrong[0] ?? 0) ^ 1
    expect(signer.handleOf({ guid, secret: wrong })).toBeUndefined() // cached by identifier()
    expect(new HandleSigner().handleOf({ guid, secret })).toBeUndefined() // another key, nothing cached
    expect(signer.handleOf({ guid, secret })).toBe(handle)
    expect(signer.handleOf({ guid: guid.subarray(0, 15), secret })).toBeUndefined()
  })
})
