import type { RequestLimits } from '../batch/request-limits.js'
import { isPlainObject, readUntrusted, snapshotArray } from '../batch/untrusted-input.js'
import { checkTotalBytes, optionalString } from '../batch/validate-request.js'
import { BatchgateError } from '../errors/batchgate-error.js'
import { describeValue } from '../errors/describe-value.js'
import { ErrorCode } from '../errors/error-codes.js'
import { MetadataKind, type ValidatedMetadataRequest } from './metadata-request.js'

const KINDS: ReadonlySet<unknown> = new Set(Object.values(MetadataKind))

/** The filters each kind takes; the others' fields are not read. */
const FILTERS: Readonly<Record<MetadataKind, readonly Filter[]>> = {
  GET_TYPE_INFO: [],
  GET_CATALOGS: [],
  GET_TABLE_TYPES: [],
  GET_SCHEMAS: ['catalogName', 'schemaPattern'],
  GET_TABLES: ['catalogName', 'schemaPattern', 'tableNamePattern'],
  GET_COLUMNS: ['catalogName', 'schemaPattern', 'tableNamePattern', 'columnNamePattern'],
  GET_FUNCTIONS: ['catalogName', 'schemaPattern', 'functionNamePattern'],
}

type Filter =
  'catalogName' | 'schemaPattern' | 'tableNamePattern' | 'columnNamePattern' | 'functionNamePattern'

/**
 * Checks an untrusted metadata request (it may come straight off a wire), reading each field once:
 * `kind` one of {@link MetadataKind}; the filters of that kind strings when given (`null` and absent
 * mean "not given", as an empty one does), well-formed Unicode; `tableTypes` (GET_TABLES) an array of
 * at most `maxArgs` strings; all of its text together at most `maxRequestBytes` UTF-8 bytes. Fields of
 * other kinds are ignored. Failures are `INVALID_REQUEST` naming the field.
 *
 * @example
 * ```ts
 * const checked = validateMetadataRequest({ kind: 'GET_TABLES', tableNamePattern: 'sales%' }, config.limits)
 * ```
 */
export function validateMetadataRequest(request: unknown, limits: RequestLimits): ValidatedMetadataRequest {
  const fields = readUntrusted('the metadata request', () => {
    if (!isPlainObject(request))
      throw invalid(`the metadata request must be an object, got ${describeValue(request)}`)
    const { kind } = request
    if (!KINDS.has(kind)) {
      throw invalid(
        `the metadata request's kind must be one of ${[...KINDS].join(', ')}, got ${describeValue(kind)}`,
      )
    }
    const known = kind as MetadataKind
    const filters = new Map(FILTERS[known].map((filter) => [filter, request[filter]]))
    const tableTypes = known === MetadataKind.GET_TABLES ? request.tableTypes : undefined
    return { kind: known, filters, tableTypes }
  })
  const text = new Map<Filter, string | undefined>()
  for (const [filter, value] of fields.filters) {
    const checked = optionalString(value, filter)
    text.set(filter, checked === null || checked === '' ? undefined : checked)
  }
  const tableTypes = tableTypeList(fields.tableTypes, limits)
  checkTotalBytes(
    { fields: [...text.values(), ...(tableTypes ?? [])].map((t) => t ?? null), conf: {}, args: [] },
    limits,
  )
  return {
    kind: fields.kind,
    catalogName: text.get('catalogName'),
    schemaPattern: text.get('schemaPattern'),
    tableNamePattern: text.get('tableNamePattern'),
    columnNamePattern: text.get('columnNamePattern'),
    functionNamePattern: text.get('functionNamePattern'),
    tableTypes,
  }
}

function tableTypeList(value: unknown, limits: RequestLimits): readonly string[] | undefined {
  if (value === undefined || value === null) return undefined
  // The copy is what is checked and used: the array's own iterator is never called.
  const list = readUntrusted('tableTypes', () =>
    Array.isArray(value) ? snapshotArray(value, 'tableTypes', limits.maxArgs) : undefined,
  )
  if (list === undefined) throw invalid(`tableTypes must be an array of strings, got ${describeValue(value)}`)
  const types: string[] = []
  for (let index = 0; index < list.length; index++) {
    const type = optionalString(list[index], `tableTypes[${index}]`)
    if (type === null)
      throw invalid(`tableTypes[${index}] must be a string, got ${describeValue(list[index])}`)
    // Hive trims each type; an empty one names no type.
    if (type.trim() !== '') types.push(type.trim())
  }
  return types.length === 0 ? undefined : Object.freeze(types)
}

function invalid(message: string): BatchgateError {
  return new BatchgateError(ErrorCode.INVALID_REQUEST, message)
}
