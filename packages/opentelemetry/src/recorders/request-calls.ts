import { SpanKind, type Attributes, type Span } from '@opentelemetry/api'
import { requestChannel, type WireRequestMessage } from '@batchgate/core/diagnostics'
import { ATTR } from '../attribute-names.js'
import type { BatchgateInstruments } from '../batchgate-instruments.js'
import { isFault } from '../fault-codes.js'
import { errorOf, type TracedCall } from '../traced-call.js'
import { errorTypeOf } from './error-type.js'
import { failSpan } from './fail-span.js'

/** The Thrift service every HiveServer2 call belongs to. */
const THRIFT_SERVICE = 'TCLIService'
/**
 * OpenTelemetry's `rpc.system.name` for Thrift. The convention lists no well-known value for Thrift
 * (grpc, dubbo, connectrpc, jsonrpc) and allows a custom one.
 */
const THRIFT_SYSTEM = 'apache_thrift'
/** The methods OpenTelemetry's HTTP convention names as they are; any other is `_OTHER`. */
const KNOWN_METHODS: ReadonlySet<string> = new Set([
  'CONNECT',
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
  'QUERY',
  'TRACE',
])

/**
 * `batchgate:request` → a SERVER span per request and its duration histogram: for the Kyuubi REST
 * front `{METHOD} {route}` and `http.server.request.duration` (an error for 5xx answers only, as
 * OpenTelemetry's HTTP convention has it for servers), for the HiveServer2 Thrift front
 * `TCLIService/{Method}` and `rpc.server.call.duration` (an error when the call failed for a fault,
 * not for an answer to the client's mistake).
 *
 * @example
 * ```ts
 * subscribeTracedCalls(requestCalls(instruments), sinks)
 * ```
 */
export function requestCalls(instruments: BatchgateInstruments): TracedCall<WireRequestMessage> {
  return {
    channel: requestChannel,
    spanName: (message) => (message.protocol === 'hive-thrift' ? rpcMethod(message) : httpMethod(message)),
    spanKind: SpanKind.SERVER,
    spanAttributes: (message) =>
      message.protocol === 'hive-thrift'
        ? { ...rpcAttributes(message), [ATTR.networkTransport]: 'tcp' }
        : httpStartAttributes(message),
    finishSpan(message, span) {
      if (message.errorCode !== undefined) span.setAttribute(ATTR.errorCode, message.errorCode)
      if (message.protocol === 'hive-thrift') finishRpcSpan(message, span)
      else finishHttpSpan(message, span)
    },
    record(message, seconds) {
      if (message.protocol === 'hive-thrift') {
        const attributes = rpcAttributes(message)
        const type = rpcErrorType(message)
        if (type !== undefined) attributes[ATTR.errorType] = type
        instruments.rpcServerDuration.record(seconds, attributes)
      } else {
        instruments.httpServerDuration.record(seconds, httpAttributes(message))
      }
    },
  }
}

function httpMethod(message: WireRequestMessage): string {
  const method = message.method.toUpperCase()
  return KNOWN_METHODS.has(method) ? method : '_OTHER'
}

/** `http.route`: the route's template with the base path the front is mounted on. */
function httpRoute(message: WireRequestMessage): string | undefined {
  if (message.route === undefined) return undefined
  return `${message.basePath ?? ''}${message.route}`
}

function httpStartAttributes(message: WireRequestMessage): Attributes {
  const method = httpMethod(message)
  const attributes: Attributes = { [ATTR.httpRequestMethod]: method }
  if (method !== message.method) attributes[ATTR.httpRequestMethodOriginal] = message.method
  return attributes
}

function httpAttributes(message: WireRequestMessage): Attributes {
  const attributes: Attributes = { [ATTR.httpRequestMethod]: httpMethod(message) }
  const route = httpRoute(message)
  if (route !== undefined) attributes[ATTR.httpRoute] = route
  if (message.statusCode !== undefined) attributes[ATTR.httpResponseStatusCode] = message.statusCode
  const type = httpErrorType(message)
  if (type !== undefined) attributes[ATTR.errorType] = type
  return attributes
}

/**
 * An HTTP server's `error.type`: the status code for a 5xx answer; for a request that failed before
 * any answer, its error code or class. A 4xx answer is the client's error, not the server's.
 */
function httpErrorType(message: WireRequestMessage): string | undefined {
  if (message.statusCode !== undefined)
    return message.statusCode >= 500 ? String(message.statusCode) : undefined
  return errorTypeOf(message)
}

function finishHttpSpan(message: WireRequestMessage, span: Span): void {
  const { [ATTR.errorType]: type, ...attributes } = httpAttributes(message)
  const route = httpRoute(message)
  if (route !== undefined) span.updateName(`${httpMethod(message)} ${route}`)
  span.setAttributes(attributes)
  if (typeof type === 'string') failSpan(span, errorOf(message), type)
}

function rpcMethod(message: WireRequestMessage): string {
  return `${THRIFT_SERVICE}/${message.method}`
}

function rpcAttributes(message: WireRequestMessage): Attributes {
  return { [ATTR.rpcSystemName]: THRIFT_SYSTEM, [ATTR.rpcMethod]: rpcMethod(message) }
}

/**
 * A Thrift call's `error.type`: the error code of a call answered with an error status (or that threw),
 * else the status's name for an error status without a code.
 */
function rpcErrorType(message: WireRequestMessage): string | undefined {
  const type = errorTypeOf(message)
  if (type !== undefined) return type
  const status = message.thriftStatus
  return status === undefined || status === 'SUCCESS_STATUS' || status === 'SUCCESS_WITH_INFO_STATUS'
    ? undefined
    : status
}

function finishRpcSpan(message: WireRequestMessage, span: Span): void {
  if (message.thriftStatus !== undefined) span.setAttribute(ATTR.thriftStatus, message.thriftStatus)
  const type = rpcErrorType(message)
  if (type === undefined) return
  const fault =
    errorOf(message) !== undefined || (message.errorCode !== undefined && isFault(message.errorCode))
  if (fault) failSpan(span, errorOf(message), type)
  else span.setAttribute(ATTR.errorType, type)
}
