import { describe, expect, it } from 'vitest'
import { describeValue, PREVIEW_CHARS, previewValue, thrownMessage } from '../../src/errors/describe-value.js'

/** A Proxy that throws on every trap. */
function booby(target: object = {}): object {
  const handler: ProxyHandler<object> = new Proxy(
    {},
    {
      get: (_, trap) => () => {
        throw new Error(`trap ${String(trap)}`)
      },
    },
  )
  return new Proxy(target, handler)
}

function cyclic(): object {
  const value: Record<string, unknown> = { id: 'x' }
  value.self = value
  return value
}

function nested(depth: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = { a: value }
  return value
}

const revoked = (): object => {
  const { proxy, revoke } = Proxy.revocable({}, {})
  revoke()
  return proxy
}

/** Every kind of value a host may pass from its wire where core expects a string or a number. */
const HOSTILE: readonly [string, unknown][] = [
  ['a BigInt', 10n],
  ['a huge BigInt', 10n ** 200n],
  ['a Symbol', Symbol('id')],
  ['a Symbol with a huge description', Symbol('d'.repeat(100_000))],
  ['a cyclic object', cyclic()],
  [
    'a cyclic array',
    ((): unknown[] => {
      const a: unknown[] = []
      a.push(a)
      return a
    })(),
  ],
  ['a 5,000-deep object', nested(5000)],
  ['a Proxy that throws on every trap', booby()],
  ['a Proxy array that throws on every trap', booby([])],
  ['a revoked Proxy', revoked()],
  [
    'a throwing toString',
    {
      toString: () => {
        throw new Error('toString')
      },
    },
  ],
  [
    'a throwing getter',
    Object.defineProperty({}, 'x', {
      enumerable: true,
      get: () => {
        throw new Error('get')
      },
    }),
  ],
  ['a null-prototype object', Object.assign(Object.create(null) as object, { a: 1 })],
  [
    'a throwing Symbol.toPrimitive',
    {
      [Symbol.toPrimitive]: () => {
        throw new Error('prim')
      },
    },
  ],
  ['a huge string', 'x'.repeat(20 * 1024 * 1024)],
  ['a huge array', Array.from({ length: 100_000 }, (_, i) => i)],
  ['an object with huge keys', { ['k'.repeat(10_000)]: 'v'.repeat(10_000) }],
  ['a lone surrogate', '\uD800'],
  ['a function', () => 1],
  ['undefined', undefined],
  ['NaN', NaN],
]

/** The longest a description may get: a type phrase and the bounded preview. */
const MAX_DESCRIPTION = PREVIEW_CHARS + 20

describe('describeValue', () => {
  it.each(HOSTILE)('describes %s without throwing, within a bounded length', (_, value) => {
    const described = describeValue(value)
    expect(typeof described).toBe('string')
    expect(described.length).toBeLessThanOrEqual(MAX_DESCRIPTION)
    expect(previewValue(value).length).toBeLessThanOrEqual(PREVIEW_CHARS + 1)
  })

  it('names the type and shows the value', () => {
    expect(describeValue('5')).toBe('"5"')
    expect(describeValue(5)).toBe('5')
    expect(describeValue(null)).toBe('null')
    expect(describeValue(undefined)).toBe('undefined')
    expect(describeValue(10n)).toBe('a bigint 10n')
    expect(describeValue(Symbol('id'))).toBe('a symbol Symbol(id)')
    expect(describeValue(() => 1)).toBe('a function')
    expect(describeValue(['a', 1])).toBe('an array ["a",1]')
    expect(describeValue({ a: [1, { b: 2 }] })).toBe('an object {"a":[1,{"b":2}]}')
    expect(describeValue(Object.assign(Object.create(null) as object, { a: 1 }))).toBe('an object {"a":1}')
  })

  it('marks cycles, depth, unreadable parts and cuts', () => {
    expect(describeValue(cyclic())).toBe('an object {"id":"x","self":[cyclic]}')
    expect(describeValue(nested(5000))).toBe('an object {"a":{"a":{"a":{…}}}}')
    expect(describeValue(booby())).toBe('an object {…')
    expect(
      describeValue(
        Object.defineProperty({}, 'x', {
          enumerable: true,
          get: () => {
            throw new Error('get')
          },
        }),
      ),
    ).toBe('an object {"x":[unreadable]}')
    expect(describeValue('x'.repeat(100))).toBe(`"${'x'.repeat(PREVIEW_CHARS)}"…`)
    expect(describeValue('\uD800')).toBe('"\\ud800"')
    expect(previewValue('abc')).toBe('abc')
    expect(previewValue('😀'.repeat(40))).toBe(`${'😀'.repeat(30)}…`)
  })
})

describe('thrownMessage', () => {
  it.each(HOSTILE)('gives a string for a thrown %s without throwing', (_, value) => {
    expect(typeof thrownMessage(value)).toBe('string')
  })

  it("gives an Error's message, a string as it is, and describes anything else", () => {
    expect(thrownMessage(new Error('no SPARK_HOME'))).toBe('no SPARK_HOME')
    expect(thrownMessage('exit 1')).toBe('exit 1')
    expect(thrownMessage(Object.create(null))).toBe('an object {}')
    expect(thrownMessage(Object.assign(new Error('x'), { message: 5 }))).toBe('5')
  })
})
