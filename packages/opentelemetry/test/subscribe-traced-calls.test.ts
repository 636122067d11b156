import { AsyncLocalStorage } from 'node:async_hooks'
import { tracingChannel } from 'node:diagnostics_channel'
import { SpanKind, SpanStatusCode, type Context } from '@opentelemetry/api'
import { afterEach, describe, expect, it } from 'vitest'
import { subscribeTracedCalls } from '../src/subscribe-traced-calls.js'
import { errorOf, type TracedCall } from '../src/traced-call.js'
import { inMemoryTelemetry, type InMemoryTelemetry } from './helpers/in-memory-telemetry.js'

interface WorkMessage {
  readonly name: string
  error?: unknown
}

// Channels of this test only: the mechanics every batchgate recorder relies on, apart from batchgate.
const outer = tracingChannel<unknown, WorkMessage>('batchgate-test:outer')
const inner = tracingChannel<unknown, WorkMessage>('batchgate-test:inner')

function work(
  channel: typeof outer,
  recorded: { name: string; seconds: number; failed: boolean }[],
): TracedCall<WorkMessage> {
  return {
    channel,
    spanName: (message) => message.name,
    spanKind: SpanKind.INTERNAL,
    spanAttributes: () => ({}),
    finishSpan(message, span) {
      if (errorOf(message) !== undefined) span.setStatus({ code: SpanStatusCode.ERROR })
    },
    record(message, seconds) {
      recorded.push({ name: message.name, seconds, failed: errorOf(message) !== undefined })
    },
  }
}

describe('subscribeTracedCalls', () => {
  let telemetry: InMemoryTelemetry
  const stops: (() => void)[] = []
  afterEach(async () => {
    for (const stop of stops.splice(0)) stop()
    await telemetry.shutdown()
  })

  function subscribe(recorded: { name: string; seconds: number; failed: boolean }[]): void {
    telemetry = inMemoryTelemetry()
    const sinks = {
      spans: new AsyncLocalStorage<Context>(),
      tracer: telemetry.tracerProvider.getTracer('test'),
      metrics: true,
    }
    stops.push(
      subscribeTracedCalls(work(outer, recorded), sinks),
      subscribeTracedCalls(work(inner, recorded), sinks),
    )
  }

  it('nests a call made inside another under its span, across awaits', async () => {
    const recorded: { name: string; seconds: number; failed: boolean }[] = []
    subscribe(recorded)
    await outer.tracePromise(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        await inner.tracePromise(() => Promise.resolve(1), { name: 'child' })
      },
      { name: 'parent' },
    )
    const [child, parent] = telemetry.spans()
    expect(child?.name).toBe('child')
    expect(parent?.name).toBe('parent')
    expect(child?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId)
    expect(parent?.parentSpanContext).toBeUndefined()
    expect(recorded.map((call) => call.name)).toEqual(['child', 'parent'])
    expect(recorded[1]?.seconds).toBeGreaterThan(0)
  })

  it('ends the span of a rejected call and of a call that throws synchronously', async () => {
    const recorded: { name: string; seconds: number; failed: boolean }[] = []
    subscribe(recorded)
    await expect(
      outer.tracePromise(() => Promise.reject(new Error('no')), { name: 'rejects' }),
    ).rejects.toThrow('no')
    expect(() =>
      outer.tracePromise(
        () => {
          throw new Error('at once')
        },
        { name: 'throws' },
      ),
    ).toThrow('at once')
    expect(telemetry.spans().map((span) => [span.name, span.status.code])).toEqual([
      ['rejects', SpanStatusCode.ERROR],
      ['throws', SpanStatusCode.ERROR],
    ])
    expect(recorded.map((call) => [call.name, call.failed])).toEqual([
      ['rejects', true],
      ['throws', true],
    ])
  })

  it('keeps a failing recorder away from the publisher', async () => {
    telemetry = inMemoryTelemetry()
    const broken: TracedCall<WorkMessage> = {
      ...work(outer, []),
      spanName: () => {
        throw new Error('recorder bug')
      },
      record: () => {
        throw new Error('recorder bug')
      },
    }
    const sinks = {
      spans: new AsyncLocalStorage<Context>(),
      tracer: telemetry.tracerProvider.getTracer('t'),
      metrics: true,
    }
    stops.push(subscribeTracedCalls(broken, sinks))
    await expect(outer.tracePromise(() => Promise.resolve('answer'), { name: 'x' })).resolves.toBe('answer')
  })

  it('stops recording once unsubscribed, and leaves the channel without subscribers', async () => {
    const recorded: { name: string; seconds: number; failed: boolean }[] = []
    subscribe(recorded)
    for (const stop of stops.splice(0)) stop()
    expect(outer.hasSubscribers).toBe(false)
    await outer.tracePromise(() => Promise.resolve(), { name: 'unseen' })
    expect(recorded).toEqual([])
    expect(telemetry.spans()).toEqual([])
  })
})
