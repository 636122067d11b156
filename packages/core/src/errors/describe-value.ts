/** How many characters of a value a message shows: enough to recognise it, never enough to flood a log. */
export const PREVIEW_CHARS = 60

/** How deep a preview looks into nested objects and arrays. */
const PREVIEW_DEPTH = 3

/**
 * A short, safe description of an untrusted value for an error message: its type and a bounded preview
 * (at most {@link PREVIEW_CHARS} characters of it). Strings are quoted, so `"5"` and `5` differ. It never
 * throws and never calls the value's own code that could (no `toString`, no `JSON.stringify`): BigInts,
 * Symbols, cyclic or deeply nested objects, Proxies that throw on every trap and throwing getters are
 * all described.
 *
 * @example
 * ```ts
 * describeValue('abc') // '"abc"'
 * describeValue(10n) // 'a bigint 10n'
 * describeValue({ a: [1, 2] }) // 'an object {"a":[1,2]}'
 * ```
 */
export function describeValue(value: unknown): string {
  try {
    switch (typeof value) {
      case 'string':
        return quoted(value)
      case 'bigint':
        return `a bigint ${previewValue(value)}`
      case 'symbol':
        return `a symbol ${previewValue(value)}`
      case 'function':
        return 'a function'
      case 'object':
        if (value === null) return 'null'
        return `${isArray(value) ? 'an array' : 'an object'} ${previewValue(value)}`
      case 'number':
      case 'boolean':
      case 'undefined':
        return String(value) // they describe themselves
    }
  } catch {
    return `a value of type ${typeof value}`
  }
}

/**
 * The bounded text of a value as a message quotes it: strings as they are, everything else much as
 * JSON would write it (`[cyclic]`, `…` where it stops). Never throws, like {@link describeValue}.
 *
 * @example
 * ```ts
 * previewValue('abc') // 'abc'
 * previewValue(['6c7e3a4e']) // '["6c7e3a4e"]'
 * ```
 */
export function previewValue(value: unknown, maxChars: number = PREVIEW_CHARS): string {
  try {
    if (typeof value === 'string') return cutText(value, maxChars)
    const writer = new BoundedWriter(maxChars)
    writeValue(writer, value, 0, new Set())
    return writer.text()
  } catch {
    return '[unreadable]'
  }
}

/** A string, JSON-quoted (control characters and lone surrogates escaped) and cut to the preview. */
function quoted(text: string): string {
  if (text.length <= PREVIEW_CHARS) return JSON.stringify(text)
  return `${JSON.stringify(cutText(text, PREVIEW_CHARS).slice(0, -1))}…`
}

/**
 * At most `maxChars` UTF-16 units of `text`, not splitting a surrogate pair, with `…` when cut (so a
 * cut text is at most `maxChars + 1` units long).
 *
 * @example
 * ```ts
 * cutText('abcdef', 3) // 'abc…'
 * ```
 */
export function cutText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  let end = maxChars
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end-- // a high surrogate whose pair is past the cut
  return `${text.slice(0, end)}…`
}

/** Array.isArray throws for a revoked Proxy; such a value is then just an object. */
function isArray(value: object): boolean {
  try {
    return Array.isArray(value)
  } catch {
    return false
  }
}

/** Collects text up to a budget, then only notes that there was more. */
class BoundedWriter {
  #text = ''
  #full = false

  constructor(private readonly maxChars: number) {}

  get full(): boolean {
    return this.#full
  }

  write(part: string): void {
    if (this.#full) return
    if (this.#text.length + part.length <= this.maxChars) {
      this.#text += part
      return
    }
    this.#text = cutText(this.#text + part.slice(0, this.maxChars + 1), this.maxChars)
    this.#full = true
  }

  text(): string {
    return this.#text
  }
}

function writeValue(writer: BoundedWriter, value: unknown, depth: number, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      writer.write(JSON.stringify(cutText(value, PREVIEW_CHARS)))
      return
    case 'bigint':
      // String() of a bigint is built in (not the overridable BigInt.prototype.toString).
      writer.write(`${cutText(String(value), PREVIEW_CHARS)}n`)
      return
    case 'symbol':
      // Likewise built in for a symbol.
      writer.write(value === UNREADABLE ? '[unreadable]' : cutText(String(value), PREVIEW_CHARS))
      return
    case 'function':
      writer.write('[function]')
      return
    case 'object':
      if (value === null) writer.write('null')
      else writeObject(writer, value, depth, ancestors)
      return
    case 'number':
    case 'boolean':
    case 'undefined':
      writer.write(String(value))
  }
}

function writeObject(writer: BoundedWriter, value: object, depth: number, ancestors: Set<object>): void {
  const array = isArray(value)
  if (ancestors.has(value) || depth >= PREVIEW_DEPTH) {
    writer.write(ancestors.has(value) ? '[cyclic]' : array ? '[…]' : '{…}')
    return
  }
  ancestors.add(value)
  try {
    writer.write(array ? '[' : '{')
    // Own enumerable keys only; a Proxy's ownKeys or a getter may throw, which ends this preview.
    const keys = array ? null : Object.keys(value)
    const count = array ? arrayLength(value) : (keys?.length ?? 0)
    for (let index = 0; index < count && !writer.full; index++) {
      if (index > 0) writer.write(',')
      const key = keys === null ? String(index) : (keys[index] ?? '')
      if (keys !== null) writer.write(`${JSON.stringify(cutText(key, PREVIEW_CHARS))}:`)
      writeValue(writer, readProperty(value, key), depth + 1, ancestors)
    }
    writer.write(array ? ']' : '}')
  } catch {
    writer.write('…')
  } finally {
    ancestors.delete(value)
  }
}

function arrayLength(value: object): number {
  const length: unknown = Reflect.get(value, 'length')
  return typeof length === 'number' && Number.isSafeInteger(length) && length >= 0 ? length : 0
}

/** Stands for a property whose getter (or Proxy trap) threw. */
const UNREADABLE = Symbol('unreadable')

function readProperty(value: object, key: string): unknown {
  try {
    return Reflect.get(value, key)
  } catch {
    return UNREADABLE
  }
}

/**
 * The message of a thrown value, for a diagnostic or an error that wraps it: an Error's message, a
 * string as it is, anything else (a null-prototype object, a Symbol, an object whose `toString`
 * throws) described by {@link describeValue}. Never throws.
 *
 * @example
 * ```ts
 * thrownMessage(new Error('no SPARK_HOME')) // 'no SPARK_HOME'
 * thrownMessage(Object.create(null)) // 'an object {}'
 * ```
 */
export function thrownMessage(thrown: unknown): string {
  try {
    if (typeof thrown === 'string') return thrown
    if (thrown instanceof Error) {
      const message: unknown = thrown.message
      return typeof message === 'string' ? message : describeValue(message)
    }
  } catch {
    // A Proxy's getPrototypeOf trap or a message getter threw: describe the value instead.
  }
  return describeValue(thrown)
}
