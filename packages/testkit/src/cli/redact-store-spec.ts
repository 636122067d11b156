/** What stands in for a password in a store spec that is shown. */
const MASK = '***'

/** `scheme://user:password@…` when the spec does not parse as a URL (say, a bad port). */
const UNPARSED_CREDENTIALS = /^([a-z][\w+.-]*:\/\/[^:@/]*:)[^@]*@/i

/**
 * A password given as a query parameter (mysql2 takes connection options from a URI's query):
 * `?password=…`, `&pwd=…`, in any case; the value runs to the next `&` or `#`.
 */
const QUERY_PASSWORD = /([?&](?:password|passwd|pwd|pass)=)[^&#]*/gi

/**
 * A store spec fit for logs and reports: the password of a URL spec (`mysql://user:password@host/db`)
 * and a password query parameter (`?password=…`) become `***`; everything else (a `sqlite:` file, a
 * URL without a password) is shown as given.
 *
 * @example
 * ```ts
 * redactStoreSpec('mysql://gw:s3cret@db:3306/batchgate') // 'mysql://gw:***@db:3306/batchgate'
 * redactStoreSpec('mysql://db/batchgate?password=s3cret') // 'mysql://db/batchgate?password=***'
 * redactStoreSpec('sqlite:/var/lib/gw/batchgate.db') // unchanged
 * ```
 */
export function redactStoreSpec(spec: string): string {
  if (spec.startsWith('sqlite:')) return spec
  return withUserInfoPasswordMasked(spec).replace(QUERY_PASSWORD, `$1${MASK}`)
}

/**
 * `text` (an error message, say) with every password of `spec` masked, wherever it appears and
 * however it is written (as in the spec, or URL-decoded): a driver or a store may repeat the spec,
 * or parts of it, in its messages.
 *
 * @example
 * ```ts
 * redactStoreSecrets('cannot open mysql://gw:s3cret@db/gw', 'mysql://gw:s3cret@db/gw') // 'cannot open mysql://gw:***@db/gw'
 * ```
 */
export function redactStoreSecrets(text: string, spec: string): string {
  let redacted = text
  for (const secret of secretsOf(spec)) redacted = redacted.split(secret).join(MASK)
  return redacted
}

function withUserInfoPasswordMasked(spec: string): string {
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

/** The spec's passwords, as written and decoded, longest first (so no part of one is left shown). */
function secretsOf(spec: string): string[] {
  if (spec.startsWith('sqlite:')) return []
  const written: string[] = []
  const userInfo = /^[a-z][\w+.-]*:\/\/[^:@/]*:([^@]*)@/i.exec(spec)?.[1]
  if (userInfo !== undefined) written.push(userInfo)
  for (const match of spec.matchAll(QUERY_PASSWORD)) written.push(match[0].slice(match[1]?.length ?? 0))
  const secrets = new Set<string>()
  for (const secret of written) {
    if (secret === '') continue
    secrets.add(secret)
    secrets.add(decoded(secret))
  }
  return [...secrets].filter((secret) => secret !== '').sort((a, b) => b.length - a.length)
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
