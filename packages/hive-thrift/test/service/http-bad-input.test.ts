import { afterEach, describe, expect, it } from 'vitest'
import {
  encodeCall,
  decodeReply,
  thriftHttpHandler,
  thriftNoAuth,
  TProtocolVersion,
  ThriftTransportErrorCode,
  type ThriftTransportError,
} from '@batchgate/hive-thrift'
import { httpCall } from '../transport/helpers/http-call.js'
import { closeServer, httpServer } from '../transport/helpers/servers.js'
import { startService } from './helpers/service-harness.js'

const stops: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

const thriftType = { 'Content-Type': 'application/x-thrift' }

describe('the real service over HTTP, given a body that is no Thrift message', () => {
  it('answers 400 saying the message does not decode (the client sent it), then serves the next request', async () => {
    const harness = await startService()
    const errors: ThriftTransportError[] = []
    const handler = thriftHttpHandler(harness.processor, {
      authenticate: thriftNoAuth(),
      onError: (error) => errors.push(error),
    })
    const { server, port } = await httpServer(handler)
    stops.push(async () => {
      await closeServer(server)
      await handler.close()
    })

    const garbage = await httpCall(port, { headers: thriftType, body: Buffer.from('garbage-bytes') })
    expect(garbage.status).toBe(400)
    expect(garbage.body.toString()).toMatch(/^the request body is not a TCLIService Thrift message: /)
    const truncated = encodeCall('OpenSession', 1, {
      client_protocol: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10,
    }).subarray(0, 20)
    expect((await httpCall(port, { headers: thriftType, body: truncated })).status).toBe(400)
    expect(errors.map((error) => error.code)).toEqual([
      ThriftTransportErrorCode.MALFORMED_MESSAGE,
      ThriftTransportErrorCode.MALFORMED_MESSAGE,
    ])

    const open = await httpCall(port, {
      headers: thriftType,
      body: encodeCall('OpenSession', 2, { client_protocol: TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10 }),
    })
    expect(open.status).toBe(200)
    const reply = decodeReply(open.body)
    expect(reply.kind === 'reply' && reply.method === 'OpenSession' && reply.response.status.statusCode).toBe(
      0,
    )
  })
})
