import { tracingChannel, type TracingChannelSubscribers } from 'node:diagnostics_channel'

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
