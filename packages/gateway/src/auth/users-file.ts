/// <reference types="node" preserve="true" />
import { createHash, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { UsageError } from '../cli/usage-error.js'

/**
 * Checks a Basic user name and password against the users of a file.
 *
 * @example
 * ```ts
 * const check = passwordCheckFromFile('/etc/batchgate/users')
 * check('alice', 'secret') // true or false
 * ```
 */
export type PasswordCheck = (user: string, password: string) => boolean

/**
 * Reads a users file: one `user:password` a line (the password is everything after the first `:`),
 * blank lines and lines starting with `#` ignored. Passwords are compared in constant time over their
 * SHA-256 digests; neither the file's content nor a password is ever printed: a malformed line is
 * reported by its number only.
 *
 * @example
 * ```ts
 * // users: "alice:correct horse"
 * passwordCheckFromFile('./users')('alice', 'correct horse') // true
 * ```
 */
export function passwordCheckFromFile(path: string): PasswordCheck {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new UsageError(
      `cannot read the users file ${path}: ${(error as { code?: string }).code ?? 'error'}`,
    )
  }
  const digests = new Map<string, Buffer>()
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return
    const colon = line.indexOf(':')
    if (colon <= 0 || colon === line.length - 1) {
      throw new UsageError(`the users file ${path}, line ${index + 1}: expected user:password`)
    }
    digests.set(line.slice(0, colon), digest(line.slice(colon + 1)))
  })
  if (digests.size === 0) throw new UsageError(`the users file ${path} names no user`)
  // Compared even for an unknown user, so that the answer time does not tell which users exist.
  const decoy = digest('')
  return (user, password) => {
    const expected = digests.get(user)
    const matches = timingSafeEqual(expected ?? decoy, digest(password))
    return expected !== undefined && matches
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}
