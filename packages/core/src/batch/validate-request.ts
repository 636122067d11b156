import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue, previewValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'
import type { IdSource } from '../ports/id-source.js'
import { canonicalBatchId, generatedBatchId } from './batch-id.js'
import { KYUUBI_BATCH_ID_KEY, KYUUBI_BATCH_PRIORITY_KEY } from './batch-keys.js'
import { batchPriority } from './batch-priority.js'
import type { RequestLimits } from './request-limits.js'
import { isPlainObject, readUntrusted, snapshotArray } from './untrusted-input.js'
import type { ValidatedSubmission } from './validated-submission.js'

/**
 * Checks an untrusted request (it may come straight from JSON) and normalises it, so that nothing
 * invalid ever reaches the metastore. Every failure is a `BatchgateError` whose message names the field.
 *
 * @example
 * ```ts
 * const submission = validateBatchRequest(body, { user: 'alice' }, DEFAULT_REQUEST_LIMITS, randomIdSource)
 * ```
 */
export function validateBatchRequest(
  request: unknown,
  context: unknown,
  limits: RequestLimits,
  ids: IdSource,
): ValidatedSubmission {
  // One read of every field, then checks and storage of that snapshot only: a getter or Proxy that
  // answers differently on a second read must not get past the checks what it did not show them.
  const fields = readUntrusted('the batch request', () => {
    if (!isPlainObject(request))
      throw invalid(`the batch request must be an object, got ${describeValue(request)}`)
    const { batchType, resource, className, name, conf, args } = request
    return { batchType, resource, className, name, conf, args }
  })
  const owner = validateUser(context, limits)
  const batchType = identifier(fields.batchType, 'batchType')
  const resource = requiredString(fields.resource, 'resource')
  const className = optionalString(fields.className, 'className')
  const name = optionalString(fields.name, 'name')
  const conf = validateStringMap(fields.conf, 'conf', limits, checkBatchIdEntry)
  const args = stringList(fields.args, limits)
  checkTotalBytes({ fields: [owner, batchType, resource, className, name], conf, args }, limits)

  const givenId = conf[KYUUBI_BATCH_ID_KEY]
  const id = givenId === undefined ? generatedBatchId(ids) : canonicalBatchId(givenId)
  // conf is this call's own copy: store the id in its canonical form in place.
  if (givenId !== undefined && givenId !== id) conf[KYUUBI_BATCH_ID_KEY] = id
  const priority = batchPriority(conf[KYUUBI_BATCH_PRIORITY_KEY])
  return {
    id,
    idGiven: givenId !== undefined,
    owner,
    batchType,
    resource,
    className,
    name,
    conf,
    args,
    priority,
  }
}

/**
 * The user of a request context, checked: a non-empty string within `maxUserLength` characters.
 * Every operation checks it, so a host that forgets to authenticate a request gets `INVALID_REQUEST`,
 * never an unfiltered answer.
 *
 * @example
 * ```ts
 * const user = validateUser(context, config.limits)
 * ```
 */
export function validateUser(context: unknown, limits: Pick<RequestLimits, 'maxUserLength'>): string {
  const given = readUntrusted('the request context', () =>
    isPlainObject(context) ? context.user : undefined,
  )
  return validateUserName(given, 'user', limits)
}

/**
 * A user name wherever it is given (the context's user, a list's `owner` filter): a non-empty string
 * without white space around it, well-formed, within `maxUserLength` characters.
 *
 * @example
 * ```ts
 * const owner = validateUserName(filter.owner, 'owner', config.limits)
 * ```
 */
export function validateUserName(
  value: unknown,
  field: string,
  limits: Pick<RequestLimits, 'maxUserLength'>,
): string {
  const user = identifier(value, field)
  // Code points, not UTF-16 units: what MySQL counts in varchar(255), so emoji are one each. A string
  // has no more code points than units, so only a long one needs counting.
  if (user.length > limits.maxUserLength) {
    const userLength = Array.from(user).length
    if (userLength > limits.maxUserLength) {
      throw invalid(`${field} has ${userLength} characters, more than the limit of ${limits.maxUserLength}`)
    }
  }
  return user
}

/**
 * A name that selects things (a user, a batch type): no white space around it, since databases do not
 * agree on whether `'alice '` equals `'alice'`.
 *
 * @example
 * ```ts
 * const batchType = identifier(filter.batchType, 'batchType')
 * ```
 */
export function identifier(value: unknown, field: string): string {
  const text = requiredString(value, field)
  if (text !== text.trim())
    throw invalid(`${field} must not begin or end with white space, got ${describeValue(text)}`)
  return text
}

/**
 * A required text field: a string that is not blank and holds no lone surrogate, else `INVALID_REQUEST`
 * naming `field`.
 *
 * @example
 * ```ts
 * const statement = requiredString(request.statement, 'statement')
 * ```
 */
export function requiredString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(`${field} must be a non-empty string, got ${describeMissing(value)}`)
  }
  return wellFormed(value, field)
}

/**
 * An optional text field: absent, `undefined` and `null` (as JSON clients send) all mean "not given"
 * (`null`); otherwise a well-formed string, else `INVALID_REQUEST` naming `field`.
 *
 * @example
 * ```ts
 * const pattern = optionalString(request.schemaPattern, 'schemaPattern') // null when not given
 * ```
 */
export function optionalString(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null
  if (typeof value !== 'string')
    throw invalid(`${field} must be a string when given, got ${describeValue(value)}`)
  return wellFormed(value, field)
}

/**
 * Refuses a string with a lone UTF-16 surrogate. Both drivers store one as U+FFFD, so the row would
 * not hold what was asked: a retry of the request would no longer match its own batch, and a request
 * that differs only there would match it.
 */
function wellFormed(text: string, field: string): string {
  if (text.isWellFormed()) return text
  throw invalid(`${field} holds a lone UTF-16 surrogate, which cannot be stored; send well-formed Unicode`)
}

/**
 * An untrusted map of strings (a batch's `conf`, a session's conf, a statement's `confOverlay`), checked
 * and copied: absent or `null` is `{}`; otherwise a plain object of at most `maxConfEntries` entries whose
 * keys and values are well-formed strings. `checkEntry` judges each entry first (the batch id key). The
 * copy is fresh own data properties, so a `'__proto__'` key stays data. Failures are `INVALID_REQUEST`
 * naming `field`.
 *
 * @example
 * ```ts
 * const overlay = validateStringMap(request.confOverlay, 'confOverlay', config.limits)
 * ```
 */
export function validateStringMap(
  value: unknown,
  field: string,
  limits: Pick<RequestLimits, 'maxConfEntries'>,
  checkEntry?: (key: string, entry: unknown) => void,
): Record<string, string> {
  if (value === undefined || value === null) return {}
  // The keys are counted before any value is read, then every value is read once into fresh pairs:
  // the snapshot that is checked and stored.
  const entries = readUntrusted(field, () => {
    if (!isPlainObject(value))
      throw invalid(`${field} must be an object of string values, got ${describeValue(value)}`)
    const keys = Object.keys(value)
    if (keys.length > limits.maxConfEntries) {
      throw invalid(`${field} has ${keys.length} entries, more than the limit of ${limits.maxConfEntries}`)
    }
    return keys.map((key): [string, unknown] => [key, value[key]])
  })
  for (const [key, entry] of entries) {
    checkEntry?.(key, entry)
    const shownKey = previewValue(key)
    if (typeof entry !== 'string')
      throw invalid(`${field}['${shownKey}'] must be a string, got ${describeValue(entry)}`)
    wellFormed(key, `a ${field} key (${describeValue(key)})`)
    wellFormed(entry, `${field}['${shownKey}']`)
  }
  // fromEntries defines own properties, so a '__proto__' key stays data and cannot touch a prototype.
  return Object.fromEntries(entries as [string, string][])
}

/** Whatever the client put under the id key is judged as an id: INVALID_BATCH_ID names key and value. */
function checkBatchIdEntry(key: string, entry: unknown): void {
  if (key === KYUUBI_BATCH_ID_KEY) canonicalBatchId(entry)
}

function stringList(value: unknown, limits: RequestLimits): string[] {
  if (value === undefined || value === null) return []
  // The copy is what is checked and stored: the array's own indices or iterator are not read again.
  const list = readUntrusted('args', () =>
    Array.isArray(value) ? snapshotArray(value, 'args', limits.maxArgs) : undefined,
  )
  if (list === undefined) throw invalid(`args must be an array of strings, got ${describeValue(value)}`)
  // An index loop, not forEach: forEach skips the holes of a sparse array, which must be rejected too.
  for (let index = 0; index < list.length; index++) {
    const arg = list[index]
    if (typeof arg !== 'string') throw invalid(`args[${index}] must be a string, got ${describeValue(arg)}`)
    wellFormed(arg, `args[${index}]`)
  }
  return list as string[]
}

/** The text of a request whose size counts against `maxRequestBytes`. */
export interface RequestText {
  readonly fields: readonly (string | null)[]
  readonly conf: Readonly<Record<string, string>>
  readonly args: readonly string[]
}

/**
 * Refuses a request whose strings together (fields, conf keys and values, args) hold more than
 * `maxRequestBytes` UTF-8 bytes, with `INVALID_REQUEST`.
 *
 * @example
 * ```ts
 * checkTotalBytes({ fields: [user], conf, args: [] }, config.limits)
 * ```
 */
export function checkTotalBytes(request: RequestText, limits: Pick<RequestLimits, 'maxRequestBytes'>): void {
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so most requests are cleared without encoding anything.
  if (textSize(request, (text) => text.length) * 3 <= limits.maxRequestBytes) return
  const total = textSize(request, (text) => Buffer.byteLength(text, 'utf8'))
  if (total > limits.maxRequestBytes) {
    throw invalid(
      `the request holds ${total} bytes of text, more than the limit of ${limits.maxRequestBytes}`,
    )
  }
}

function textSize(request: RequestText, size: (text: string) => number): number {
  let total = 0
  for (const text of request.fields) total += text === null ? 0 : size(text)
  for (const [key, value] of Object.entries(request.conf)) total += size(key) + size(value)
  for (const arg of request.args) total += size(arg)
  return total
}

/** What a missing or blank required string was, for its message. */
function describeMissing(value: unknown): string {
  if (value === '') return 'an empty string'
  if (typeof value === 'string') return 'a blank string'
  return describeValue(value)
}

function invalid(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_REQUEST, message)
}
