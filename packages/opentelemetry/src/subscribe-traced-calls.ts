import type { AsyncLocalStorage } from 'node:async_hooks'
import type { TracingChannelSubscribers } from 'node:diagnostics_channel'
import { performance } from 'node:perf_hooks'
import { context, diag, trace, type Context, type Span, type Tracer } from '@opentelemetry/api'
import type { TracedCall } from './traced-call.js'

/** One call under way: when it started, its span, and whether Node's tracing channel reported an error. */
interface CallState {
  readonly startedAt: number
  readonly span: Span | undefined
  failed: boolean
}

/** Where {@link subscribeTracedCalls} records: a tracer when traces are on, and whether metrics are. */
export interface TracedCallSinks {
  /** Spans of nested calls find their parent here (shared by every channel of one instrumentation). */
  readonly spans: AsyncLocalStorage<Context>
  readonly tracer: Tracer | undefined
  readonly metrics: boolean
}

/**
 * Subscribes to one tracing channel: opens a span for each call (in the `start` channel's `bindStore`
 * transform, which runs before `start` is published, so the call runs with the span in `sinks.spans`),
 * and when the call settles (`asyncEnd`, or `end` after a synchronous throw) finishes the span and
 * records the metrics. A call's state is kept per message in a WeakMap. Returns the unsubscriber.
 *
 * A subscriber must never throw into the code that publishes (Node would rethrow it as an uncaught
 * exception): every handler reports its failure to OpenTelemetry's `diag` logger instead.
 *
 * @example
 * ```ts
 * const stop = subscribeTracedCalls(submitCalls(instruments), { spans, tracer, metrics: true })
 * stop()
 * ```
 */
export function subscribeTracedCalls<M extends object>(
  call: TracedCall<M>,
  sinks: TracedCallSinks,
): () => void {
  const calls = new WeakMap<M, CallState>()
  const { tracer, spans, metrics } = sinks
  const channelName = String(call.channel.start.name).replace(/^tracing:|:start$/g, '')

  const settle = (message: M, state: CallState): void => {
    calls.delete(message)
    if (state.span !== undefined) {
      call.finishSpan(message, state.span)
      state.span.end()
    }
    if (metrics) call.record(message, (performance.now() - state.startedAt) / 1000)
  }

  const spanOpener =
    (tracer: Tracer) =>
    (message: M): Context => {
      const parent = spans.getStore() ?? context.active()
      try {
        const span = tracer.startSpan(
          call.spanName(message),
          { kind: call.spanKind, attributes: call.spanAttributes(message) },
          parent,
        )
        calls.set(message, { startedAt: performance.now(), span, failed: false })
        return trace.setSpan(parent, span)
      } catch (error) {
        report(channelName, 'start', error)
        return parent
      }
    }

  const handlers: TracingChannelSubscribers<M> = {
    start: (message) => {
      if (calls.has(message)) return
      calls.set(message, { startedAt: performance.now(), span: undefined, failed: false })
    },
    end: (message) => {
      const state = calls.get(message)
      // After a synchronous throw no asyncEnd follows: `error` came first, the call is over.
      if (state?.failed === true)
        guarded(channelName, 'end', () => {
          settle(message, state)
        })
    },
    asyncStart: () => undefined,
    asyncEnd: (message) => {
      const state = calls.get(message)
      if (state !== undefined)
        guarded(channelName, 'asyncEnd', () => {
          settle(message, state)
        })
    },
    error: (message) => {
      const state = calls.get(message)
      if (state !== undefined) state.failed = true
    },
  }

  if (tracer !== undefined) call.channel.start.bindStore(spans, spanOpener(tracer))
  call.channel.subscribe(handlers)
  return () => {
    call.channel.unsubscribe(handlers)
    if (tracer !== undefined) call.channel.start.unbindStore(spans)
  }
}

function guarded(channelName: string, event: string, run: () => void): void {
  try {
    run()
  } catch (error) {
    report(channelName, event, error)
  }
}

function report(channelName: string, event: string, error: unknown): void {
  diag.error(`@batchgate/opentelemetry: recording ${channelName} ${event} failed`, error)
}
