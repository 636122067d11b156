import {
  subscribe,
  tracingChannel,
  unsubscribe,
  type TracingChannelSubscribers,
} from 'node:diagnostics_channel'
import { onTestFinished } from 'vitest'

/** One event seen on a tracing channel, with a copy of its message as it was then. */
export interface TracedEvent<M> {
  readonly kind: 'start' | 'end' | 'asyncStart' | 'asyncEnd' | 'error'
  readonly message: M
}

/**
 * Subscribes to every event of the tracing channel `name` (plain `node:diagnostics_channel`, by name)
 * until the test ends; each event's message is copied when it is published, so a field set later does
 * not show in an earlier event.
 */
export function recordTracing<M extends object>(name: string): TracedEvent<M>[] {
  const events: TracedEvent<M>[] = []
  const record =
    (kind: TracedEvent<M>['kind']) =>
    (message: unknown): void => {
      events.push({ kind, message: { ...(message as M) } })
    }
  const handlers = {
    start: record('start'),
    end: record('end'),
    asyncStart: record('asyncStart'),
    asyncEnd: record('asyncEnd'),
    error: record('error'),
  }
  const traced = tracingChannel(name)
  traced.subscribe(handlers)
  onTestFinished(() => {
    traced.unsubscribe(handlers)
  })
  return events
}

/** Subscribes to the plain channel `name` until the test ends; its messages, in order. */
export function recordChannel<M>(name: string): M[] {
  const messages: M[] = []
  const listener = (message: unknown): void => {
    messages.push(message as M)
  }
  subscribe(name, listener)
  onTestFinished(() => {
    unsubscribe(name, listener)
  })
  return messages
}

/**
 * A plain `node:diagnostics_channel` subscriber of one tracing channel, by name: what each event
 * carried at the moment it was published (a copy, as later events add fields to the same object).
 */
export class ChannelRecorder<Message extends object> {
  /** The messages at `start`: what was known before the call ran. */
  readonly started: Message[] = []
  /** The messages at `asyncEnd` (after a success or a failure). */
  readonly ended: Message[] = []
  /** The messages at `error`. */
  readonly failed: Message[] = []
  readonly #channel
  readonly #subscribers: TracingChannelSubscribers<Message>

  constructor(name: string) {
    this.#channel = tracingChannel<unknown, Message>(name)
    this.#subscribers = {
      start: (message) => this.started.push({ ...message }),
      end: () => undefined,
      asyncStart: () => undefined,
      asyncEnd: (message) => this.ended.push({ ...message }),
      error: (message) => this.failed.push({ ...message }),
    }
    this.#channel.subscribe(this.#subscribers)
  }

  /** Unsubscribes. */
  stop(): void {
    this.#channel.unsubscribe(this.#subscribers)
  }
}
