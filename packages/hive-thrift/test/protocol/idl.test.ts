import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { decodeCall, decodeReply, encodeCall, encodeReply } from '../../src/protocol/index.js'
import { EXCHANGES, SERVED_METHODS } from './helpers/fixtures.js'
import {
  generatedClientCalls,
  generatedServerAnswers,
  type Generated,
  type GeneratedService,
  type ThriftRuntime,
} from './helpers/generated-service.js'
import { plain } from './helpers/plain.js'

// idl/tcliservice.thrift is the spec the codec follows: the Thrift compiler must accept it, and the
// code it generates from it must write the very bytes our schema tables write.

const THRIFT = '/usr/bin/thrift'
const IDL = fileURLToPath(new URL('../../idl/tcliservice.thrift', import.meta.url))
const installed = existsSync(THRIFT)
// Locally the compiler may be missing; CI installs thrift-compiler, so there its absence is a failure.
const skip = !installed && process.env.CI !== 'true'
const title = skip
  ? `idl/tcliservice.thrift (SKIPPED: ${THRIFT} is not installed; apt-get install thrift-compiler to run this)`
  : 'idl/tcliservice.thrift'

const run = promisify(execFile)
const outputs: string[] = []

afterAll(async () => {
  await Promise.all(outputs.map((dir) => rm(dir, { recursive: true, force: true })))
})

/** Compiles the IDL to js:node in a fresh directory, and loads it on our thrift runtime. */
async function compile(): Promise<{ generated: Generated; stderr: string }> {
  expect(installed, `${THRIFT} is required under CI=true (the thrift-compiler package)`).toBe(true)
  const dir = await mkdtemp(join(tmpdir(), 'tcliservice-idl-'))
  outputs.push(dir)
  const { stderr } = await run(THRIFT, ['--gen', 'js:node', '-out', dir, IDL])
  // The generated code requires 'thrift' and 'node-int64' by name: point it at our runtime's copies.
  const requireHere = createRequire(import.meta.url)
  const thriftPath = requireHere.resolve('thrift')
  const int64Path = createRequire(thriftPath).resolve('node-int64')
  for (const file of await readdir(dir)) {
    const path = join(dir, file)
    const source = await readFile(path, 'utf8')
    await writeFile(
      path,
      source
        .replaceAll("require('thrift')", `require(${JSON.stringify(thriftPath)})`)
        .replaceAll("require('node-int64')", `require(${JSON.stringify(int64Path)})`),
    )
  }
  const requireGenerated = createRequire(join(dir, 'index.js'))
  return {
    generated: {
      runtime: requireHere('thrift') as ThriftRuntime,
      service: requireGenerated('./TCLIService.js') as GeneratedService,
    },
    stderr,
  }
}

describe.skipIf(skip)(title, () => {
  it('compiles with the Thrift compiler, and its code speaks the same wire as our schemas', async () => {
    const { generated, stderr } = await compile()
    expect(stderr).not.toMatch(/\[(ERROR|FAILURE)/)
    for (const method of SERVED_METHODS) {
      const { request, responses } = EXCHANGES[method]
      for (const response of responses) {
        const ours = encodeCall(method, 3, request as never)
        const { request: theirRequest, reply } = generatedServerAnswers(generated, method, ours, response)
        expect(plain(theirRequest), `${method} request`).toEqual(plain(request))
        expect(reply.equals(encodeReply(method, 3, response as never)), `${method} reply bytes`).toBe(true)
        expect(plain((decodeReply(reply) as { response: unknown }).response)).toEqual(plain(response))
      }
      const { call, err, response } = generatedClientCalls(generated, method, request, () =>
        encodeReply(method, 1, responses[0] as never),
      )
      expect(err).toBeNull()
      expect(call.equals(encodeCall(method, 1, request as never)), `${method} call bytes`).toBe(true)
      expect(plain((decodeCall(call) as { args: unknown }).args)).toEqual(plain(request))
      expect(plain(response)).toEqual(plain(responses[0]))
    }
  })

  it('has a service with exactly the served methods', async () => {
    const { generated } = await compile()
    const client = Object.keys((generated.service.Client as unknown as { prototype: object }).prototype)
    const methods = client.filter((name) => /^[A-Z]/.test(name)).sort()
    expect(methods).toEqual([...SERVED_METHODS].sort())
  })
})
