import { describe, expect, it } from 'vitest'
import type { MetadataRequest } from '@batchgate/core'
import { alice, statementEngine } from '../session/statement-engine.js'
import { catalogExecutor, memoryCatalog } from './catalogs.js'

describe('engine.sessions.executeMetadata: bad requests', () => {
  it.each([
    ['not an object', 'GET_TABLES', 'the metadata request must be an object, got "GET_TABLES"'],
    ['an array', [], 'the metadata request must be an object'],
    ['no kind', {}, "the metadata request's kind must be one of GET_TYPE_INFO, GET_CATALOGS"],
    ['an unknown kind', { kind: 'GET_PRIMARY_KEYS' }, 'got "GET_PRIMARY_KEYS"'],
    ['a kind in lower case', { kind: 'get_tables' }, 'got "get_tables"'],
    [
      'a number as pattern',
      { kind: 'GET_TABLES', tableNamePattern: 7 },
      'tableNamePattern must be a string when given, got 7',
    ],
    [
      'an object as schema',
      { kind: 'GET_SCHEMAS', schemaPattern: { a: 1 } },
      'schemaPattern must be a string when given',
    ],
    [
      'a number as catalog',
      { kind: 'GET_COLUMNS', catalogName: 1 },
      'catalogName must be a string when given',
    ],
    [
      'a boolean column pattern',
      { kind: 'GET_COLUMNS', columnNamePattern: true },
      'columnNamePattern must be a string',
    ],
    [
      'a function pattern that is not a string',
      { kind: 'GET_FUNCTIONS', functionNamePattern: ['%'] },
      'functionNamePattern must be a string',
    ],
    [
      'tableTypes not an array',
      { kind: 'GET_TABLES', tableTypes: 'TABLE' },
      'tableTypes must be an array of strings, got "TABLE"',
    ],
    [
      'a tableType that is not a string',
      { kind: 'GET_TABLES', tableTypes: ['TABLE', 3] },
      'tableTypes[1] must be a string',
    ],
    [
      'a null tableType',
      { kind: 'GET_TABLES', tableTypes: [null] },
      'tableTypes[0] must be a string, got null',
    ],
    [
      'a lone surrogate',
      { kind: 'GET_TABLES', tableNamePattern: 'a\uD800' },
      'tableNamePattern holds a lone UTF-16 surrogate',
    ],
    [
      'too many tableTypes',
      { kind: 'GET_TABLES', tableTypes: ['TABLE', 'VIEW', 'X'] },
      'tableTypes has 3 elements, more than the limit of 2',
    ],
    [
      'too much text',
      { kind: 'GET_TABLES', schemaPattern: 'x'.repeat(600), tableNamePattern: 'y'.repeat(500) },
      'more than the limit of 1000',
    ],
  ])('refuses %s with INVALID_REQUEST, starting no operation', async (_, request, message) => {
    const engine = await statementEngine({
      statementExecutor: catalogExecutor(memoryCatalog()),
      limits: { maxArgs: 2, maxRequestBytes: 1000 },
    })
    const session = await engine.sessions.open({}, alice)
    const call = engine.sessions.executeMetadata(session.handle, request as unknown as MetadataRequest, alice)
    await expect(call).rejects.toMatchObject({ code: 'INVALID_REQUEST' })
    await expect(call).rejects.toThrow(message)
    expect(engine.sessions.get(session.handle, alice).operationCount).toBe(0)
  })

  it('takes null and empty filters as not given, and ignores the fields of other kinds', async () => {
    const engine = await statementEngine({ statementExecutor: catalogExecutor(memoryCatalog()) })
    const session = await engine.sessions.open({}, alice)
    const request = {
      kind: 'GET_SCHEMAS',
      catalogName: null,
      schemaPattern: '',
      // Not GET_SCHEMAS' fields: never read.
      tableNamePattern: 42,
      tableTypes: 'nonsense',
    } as unknown as MetadataRequest
    const handle = await engine.sessions.executeMetadata(session.handle, request, alice)
    expect(engine.operations.status(handle, alice)).toMatchObject({
      state: 'FINISHED',
      statement: 'GetSchemas()',
    })
  })

  it('reads a request given as a Proxy once per field, and a throwing getter is INVALID_REQUEST', async () => {
    const engine = await statementEngine()
    const session = await engine.sessions.open({}, alice)
    const reads: string[] = []
    const spied = new Proxy(
      { kind: 'GET_TABLES', tableNamePattern: 'x' },
      {
        get(target, key, receiver) {
          if (typeof key === 'string') reads.push(key)
          return Reflect.get(target, key, receiver) as unknown
        },
      },
    )
    await engine.sessions.executeMetadata(session.handle, spied as MetadataRequest, alice)
    expect(reads.filter((key) => key === 'kind')).toHaveLength(1)
    expect(reads.filter((key) => key === 'tableNamePattern')).toHaveLength(1)
    const throwing = Object.defineProperty({ kind: 'GET_TABLES' }, 'schemaPattern', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    await expect(
      engine.sessions.executeMetadata(session.handle, throwing as MetadataRequest, alice),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: 'the metadata request could not be read' })
  })
})
