/** One step of a compiled pattern: any run of characters, any one character, or this one. */
type Token = { readonly any: true } | { readonly one: true } | { readonly char: string }

const ANY: Token = { any: true }
const ONE: Token = { one: true }

/**
 * A matcher for a JDBC search pattern (`DatabaseMetaData`'s `schemaPattern`, `tableNamePattern`, …):
 * `%` matches any run of characters, `_` any one character (a code point), `\` takes the next character
 * as it is (`\%`, `\_`, `\\`; a `\` at the end is itself). Matching ignores case, as Hive's metastore
 * does for database and table names. `undefined` (or an empty pattern) matches everything.
 *
 * The matcher walks the name once per `%` it backtracks to, never compiling the untrusted pattern to a
 * regular expression: its cost is at most quadratic in the name's length, whatever the pattern.
 *
 * @example
 * ```ts
 * likePattern('ord%')('ORDERS') // true
 * likePattern('a\\_b')('axb') // false: `\_` is a plain underscore
 * ```
 */
export function likePattern(pattern: string | undefined): (name: string) => boolean {
  if (pattern === undefined || pattern === '') return () => true
  const tokens = compile(pattern)
  if (tokens.length === 1 && tokens[0] === ANY) return () => true
  return (name) => matches(tokens, foldedName(name))
}

/**
 * Whether two names are the same ignoring case, as {@link likePattern} compares them: for a catalog
 * name, which is a name and not a pattern.
 *
 * @example
 * ```ts
 * sameName('Spark_Catalog', 'spark_catalog') // true
 * ```
 */
export function sameName(one: string, other: string): boolean {
  return fold(one) === fold(other)
}

/** A name folded code point by code point, and where each of its code points starts in the result. */
interface FoldedName {
  readonly chars: readonly string[]
  /** `starts[i]`: whether `chars[i]` begins the folding of one of the name's code points. */
  readonly starts: readonly boolean[]
}

function foldedName(name: string): FoldedName {
  const chars: string[] = []
  const starts: boolean[] = []
  for (const codePoint of name) {
    // Folding one code point may give several (ß → ss): `_` must take all of them, not one.
    Array.from(fold(codePoint)).forEach((char, index) => {
      chars.push(char)
      starts.push(index === 0)
    })
  }
  return { chars, starts }
}

/** Both sides are folded alike: lower case, after upper case (so `ß` and `SS`-style pairs agree). */
function fold(text: string): string {
  return text.toUpperCase().toLowerCase()
}

function compile(pattern: string): Token[] {
  const chars = Array.from(pattern)
  const tokens: Token[] = []
  for (let index = 0; index < chars.length; index++) {
    const char = chars[index] ?? ''
    if (char === '\\' && index + 1 < chars.length) {
      index++
      pushChars(tokens, chars[index] ?? '')
    } else if (char === '%') {
      // A run of `%` is one: it keeps the backtracking bound.
      if (tokens.at(-1) !== ANY) tokens.push(ANY)
    } else if (char === '_') {
      tokens.push(ONE)
    } else {
      pushChars(tokens, char)
    }
  }
  return tokens
}

/** A literal character, folded (folding may yield more than one code point). */
function pushChars(tokens: Token[], char: string): void {
  for (const folded of fold(char)) tokens.push({ char: folded })
}

/**
 * Wildcard matching with one backtrack point: the last `%` seen. On a mismatch the `%` takes one more
 * character and matching resumes after it; an earlier `%` never needs revisiting, since the last one
 * can absorb whatever it would have. `_` takes one code point of the name (however many characters
 * its folding gave) and only from where one starts; the steps after a `%` stay monotone, so the
 * earliest match of each stretch is still the best.
 */
function matches(tokens: readonly Token[], name: FoldedName): boolean {
  const { chars, starts } = name
  let at = 0
  let step = 0
  let starStep = -1
  let starAt = 0
  while (at < chars.length) {
    const token = tokens[step]
    if (token !== undefined && 'any' in token) {
      starStep = step++
      starAt = at
    } else if (token !== undefined && 'one' in token && starts[at] === true) {
      // One code point of the name: all the characters its folding gave.
      step++
      at++
      while (at < chars.length && starts[at] !== true) at++
    } else if (token !== undefined && 'char' in token && token.char === chars[at]) {
      step++
      at++
    } else if (starStep >= 0) {
      step = starStep + 1
      at = ++starAt
    } else {
      return false
    }
  }
  while (step < tokens.length && tokens[step] === ANY) step++
  return step === tokens.length
}
