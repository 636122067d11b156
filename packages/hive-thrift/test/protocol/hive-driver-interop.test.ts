import { describe, expect, it } from 'vitest'
import { decodeCall, decodeReply, encodeCall, encodeReply } from '../../src/protocol/index.js'
import { EXCHANGES, SERVED_METHODS } from './helpers/fixtures.js'
import { generatedClientCalls, generatedServerAnswers } from './helpers/generated-service.js'
import { hiveDriverGenerated, hiveDriverRuntimeVersion } from './helpers/hive-driver-generated.js'
import { plain } from './helpers/plain.js'

// Our codec against hive-driver's generated TCLIService code on its own thrift runtime, both ways:
// what we encode, they decode to the same values, and the other way round, for every served method.

describe(`the codec against hive-driver's generated TCLIService code (thrift ${hiveDriverRuntimeVersion} runtime)`, () => {
  describe.each(SERVED_METHODS)('%s', (method) => {
    const { request, responses } = EXCHANGES[method]
    const cases = responses.map((response, index) => [index, response] as const)

    it.each(cases)('our call is their request, their reply #%i is our response', (_index, response) => {
      const { request: theirRequest, reply } = generatedServerAnswers(
        hiveDriverGenerated,
        method,
        encodeCall(method, 41, request as never),
        response,
      )
      expect(plain(theirRequest)).toEqual(plain(request))
      const decoded = decodeReply(reply)
      expect(decoded).toMatchObject({ kind: 'reply', method, seqid: 41 })
      expect(plain((decoded as { response: unknown }).response)).toEqual(plain(response))
    })

    it.each(cases)('their call is our request, our reply #%i is their response', (_index, response) => {
      let seqid = -1
      const { err, response: theirResponse } = generatedClientCalls(
        hiveDriverGenerated,
        method,
        request,
        (call) => {
          const decoded = decodeCall(call)
          expect(decoded).toMatchObject({ method, served: true })
          expect(plain((decoded as { args: unknown }).args)).toEqual(plain(request))
          seqid = decoded.seqid
          return encodeReply(method, decoded.seqid, response as never)
        },
      )
      expect(err).toBeNull()
      expect(seqid).toBeGreaterThan(0)
      expect(plain(theirResponse)).toEqual(plain(response))
    })
  })

  it('writes the same bytes as their code for the same values (field order, encoding, everything)', () => {
    for (const method of SERVED_METHODS) {
      const { request, responses } = EXCHANGES[method]
      for (const response of responses) {
        const { reply } = generatedServerAnswers(
          hiveDriverGenerated,
          method,
          encodeCall(method, 9, request as never),
          response,
        )
        expect(encodeReply(method, 9, response as never).equals(reply), `${method} reply`).toBe(true)
      }
      const { call } = generatedClientCalls(hiveDriverGenerated, method, request, () =>
        encodeReply(method, 1, responses[0] as never),
      )
      expect(encodeCall(method, 1, request as never).equals(call), `${method} call`).toBe(true)
    }
  })
})
