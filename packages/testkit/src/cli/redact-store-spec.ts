/** What stands in for a password in a store spec that is shown. */
const MASK = '***'

/** `scheme://user:password@…` when the spec does not parse as a URL (say, a bad port). */
const UNPARSED_CREDENTIALS = /^([a-z][\w+.-]*:\/\/[^:@/]*:)[^@]*@/i

/**
 * A store spec fit for logs and reports: the password of a URL spec (`mysql://user:password@host/db`)
 * becomes `***`; everything else (a `sqlite:` file, a URL without a password) is shown as given.
 *
 * @example
 * ```ts
 * redactStoreSpec('mysql://gw:s3cret@db:3306/batchgate') // 'mysql://gw:***@db:3306/batchgate'
 * redactStoreSpec('sqlite:/var/lib/gw/batchgate.db') // unchanged
 * ```
 */
export function redactStoreSpec(spec: string): string {
  if (spec.startsWith('sqlite:')) return spec
  let url: URL
  try {
    url = new URL(spec)
  } catch {
    return spec.replace(UNPARSED_CREDENTIALS, `$1${MASK}@`)
  }
  if (url.password === '') return spec
  url.password = MASK
  return url.href
}
