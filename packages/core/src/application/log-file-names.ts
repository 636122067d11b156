/** An id that is safe as a file name on every system as it is (canonical UUIDs are). */
const PLAIN_ID = /^[0-9A-Za-z_-]{1,64}$/
const HEX_PREFIX = 'id-'
const SUFFIX = '.log'

/**
 * The file name of a batch's log: `<id>.log` for an id of letters, digits, `-` and `_` (every canonical
 * batch id), otherwise `id-<hex of its UTF-8>.log`, so no id (a host's `idSource` may give any printable
 * ASCII) can name a path outside the directory.
 *
 * @example
 * ```ts
 * logFileName('6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69') // '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69.log'
 * logFileName('../x') // 'id-2e2e2f78.log'
 * ```
 */
export function logFileName(id: string): string {
  if (PLAIN_ID.test(id) && !id.startsWith(HEX_PREFIX)) return `${id}${SUFFIX}`
  return `${HEX_PREFIX}${Buffer.from(id, 'utf8').toString('hex')}${SUFFIX}`
}

/**
 * The batch id a file name of {@link logFileName} stands for, or `undefined` for any other file.
 *
 * @example
 * ```ts
 * batchIdOfLogFile('id-2e2e2f78.log') // '../x'
 * ```
 */
export function batchIdOfLogFile(name: string): string | undefined {
  if (!name.endsWith(SUFFIX)) return undefined
  const stem = name.slice(0, -SUFFIX.length)
  if (stem.startsWith(HEX_PREFIX)) {
    const hex = stem.slice(HEX_PREFIX.length)
    return /^(?:[0-9a-f]{2})+$/.test(hex) ? Buffer.from(hex, 'hex').toString('utf8') : undefined
  }
  return PLAIN_ID.test(stem) ? stem : undefined
}
