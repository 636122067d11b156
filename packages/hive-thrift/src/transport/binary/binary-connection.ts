/// <reference types="node" preserve="true" />
import type { Socket } from 'node:net'
import { MessageTooLargeError } from '../../protocol/message-length.js'
import { connectionPeer, type ConnectionPeer } from '../connection-peer.js'
import { runAuthentication } from '../run-authentication.js'
import type { ThriftCredentials } from '../thrift-authenticate.js'
import type { ThriftMessageProcessor } from '../thrift-message-processor.js'
import { ThriftTransportError, ThriftTransportErrorCode } from '../thrift-transport-error.js'
import { ByteQueue } from './byte-queue.js'
import { SASL_HEADER_BYTES, SaslStatus, saslMessage } from './sasl-message.js'
import { SASL_PLAIN, parsePlainResponse } from './sasl-plain.js'
import type { BinaryServerSettings } from './thrift-binary-server-options.js'

/**
 * The byte length of the whole unframed TBinaryProtocol message at `offset`, `undefined` while bytes are
 * missing; throws when the bytes cannot be a message, and `MessageTooLargeError` as soon as its declared
 * sizes make it longer than `maxBytes` (the codec's `messageLength`).
 */
export type MessageLength = (buffer: Buffer, offset?: number, maxBytes?: number) => number | undefined

/** A strict TBinaryProtocol message starts with the version word 0x8001…: NOSASL's first byte. */
const STRICT_BINARY_FIRST_BYTE = 0x80
const FRAME_HEADER_BYTES = 4
/** A SASL payload is a mechanism name or PLAIN credentials: 64 KiB is plenty (or maxMessageBytes if smaller). */
const MAX_SASL_PAYLOAD_BYTES = 64 * 1024
/** After a SASL refusal the reason is flushed with a FIN; a client that never closes its side is cut after this. */
const REFUSAL_LINGER_MS = 2000

type Phase = 'first-byte' | 'sasl-start' | 'sasl-response' | 'framed' | 'unframed'

interface SaslMessage {
  readonly status: number
  readonly payload: Buffer
}

/**
 * One client connection of {@link thriftBinaryServer}: tells SASL from NOSASL by the first byte, runs
 * the SASL PLAIN exchange (HiveServer2's `TSaslServerTransport`), then cuts the byte stream into Thrift
 * messages (4-byte framed after SASL, unframed with NOSASL) and hands them to the processor one at a time,
 * in order, writing each reply before reading the next message. Every wait has a timeout and every
 * length a bound; any breach closes this connection only.
 *
 * @example
 * ```ts
 * const connection = new BinaryConnection(socket, processor, settings, messageLength)
 * server.close() // … connection.destroy() for each open one
 * ```
 */
export class BinaryConnection {
  readonly peer: ConnectionPeer
  readonly #socket: Socket
  readonly #processor: ThriftMessageProcessor
  readonly #settings: BinaryServerSettings
  readonly #messageLength: MessageLength
  readonly #input = new ByteQueue()
  #phase: Phase = 'first-byte'
  /** Waiting for the authentication, the processor or the client reading its replies: no parsing meanwhile. */
  #busy = false
  /** Decided to close (or closed): nothing more is read, processed or written. */
  #done = false
  #ended = false
  #handshakeTimer: NodeJS.Timeout | undefined
  #messageTimer: NodeJS.Timeout | undefined
  #idleTimer: NodeJS.Timeout | undefined
  #writeTimer: NodeJS.Timeout | undefined
  #lingerTimer: NodeJS.Timeout | undefined

  constructor(
    socket: Socket,
    processor: ThriftMessageProcessor,
    settings: BinaryServerSettings,
    messageLength: MessageLength,
  ) {
    this.#socket = socket
    this.#processor = processor
    this.#settings = settings
    this.#messageLength = messageLength
    this.peer = connectionPeer('binary', socket.remoteAddress)
    socket.setNoDelay(true)
    socket.on('data', (chunk: Buffer) => {
      if (this.#done) return
      this.#input.push(chunk)
      this.#pump()
    })
    socket.on('end', () => {
      this.#ended = true
      this.#pump()
    })
    socket.on('error', (error) => {
      this.#fail(ThriftTransportErrorCode.SOCKET_ERROR, `the socket failed: ${error.message}`, error)
    })
    socket.on('close', () => {
      this.#done = true
      this.#clearTimers()
      clearTimeout(this.#lingerTimer)
      this.peer.markClosed()
    })
    this.#handshakeTimer = setTimeout(() => {
      this.#fail(
        ThriftTransportErrorCode.HANDSHAKE_TIMEOUT,
        `the connection did not complete its handshake within ${settings.handshakeTimeoutMs} ms`,
      )
    }, settings.handshakeTimeoutMs)
  }

  /** Ends the connection at once (the server is closing). */
  destroy(): void {
    this.#done = true
    this.#clearTimers()
    this.#socket.destroy()
  }

  #pump(): void {
    while (!this.#busy && !this.#done && this.#step()) {
      // each step consumed a whole SASL message; look for the next one
    }
    if (!this.#busy && !this.#done) this.#settle()
  }

  /** One parsing step; true when it consumed a SASL message and parsing may go on at once. */
  #step(): boolean {
    switch (this.#phase) {
      case 'first-byte':
        return this.#chooseTransport()
      case 'sasl-start':
      case 'sasl-response': {
        const message = this.#takeSaslMessage()
        if (message === undefined) return false
        if (this.#phase === 'sasl-start') this.#onSaslStart(message)
        else this.#onSaslResponse(message)
        return true
      }
      case 'framed':
        this.#takeFrame()
        return false
      case 'unframed':
        this.#takeUnframedMessage()
        return false
    }
  }

  /** No whole message is buffered: read on, with the timer that fits what the connection waits for. */
  #settle(): void {
    const inMessages = this.#phase === 'framed' || this.#phase === 'unframed'
    if (this.#ended) {
      // A client that connected and left without a byte (a port probe) is no error.
      const midway = this.#input.length > 0 || (!inMessages && this.#phase !== 'first-byte')
      if (midway) {
        this.#fail(
          ThriftTransportErrorCode.TRUNCATED,
          inMessages
            ? `the connection ended inside a message (${this.#input.length} bytes of it arrived)`
            : 'the connection ended during the SASL exchange',
        )
      }
      return
    }
    this.#socket.resume()
    if (!inMessages) return
    if (this.#input.length === 0) {
      this.#clearMessageTimer()
      // One idle timer per connection, re-armed after each reply (a new Timeout per message was a few
      // µs of every call); it ignores a firing while a message is being processed (see #pause).
      if (this.#idleTimer === undefined) {
        this.#idleTimer = setTimeout(() => {
          if (this.#busy) return
          this.#fail(
            ThriftTransportErrorCode.IDLE_TIMEOUT,
            `no message for ${this.#settings.idleTimeoutMs} ms`,
          )
        }, this.#settings.idleTimeoutMs)
      } else {
        this.#idleTimer.refresh()
      }
    } else {
      clearTimeout(this.#idleTimer)
      this.#idleTimer = undefined
      this.#messageTimer ??= setTimeout(() => {
        this.#fail(
          ThriftTransportErrorCode.MESSAGE_TIMEOUT,
          `a message did not arrive whole within ${this.#settings.messageTimeoutMs} ms (${this.#input.length} bytes of it did)`,
        )
      }, this.#settings.messageTimeoutMs)
    }
  }

  /** Tells SASL from NOSASL by the first byte; true when parsing goes on at once (SASL). */
  #chooseTransport(): boolean {
    if (this.#input.length === 0) return false
    const first = this.#input.peek(1)[0]
    if (first === SaslStatus.START) {
      this.#phase = 'sasl-start'
      return true
    }
    if (first === STRICT_BINARY_FIRST_BYTE) {
      this.#startNoSasl()
    } else {
      this.#fail(
        ThriftTransportErrorCode.UNKNOWN_TRANSPORT,
        `the first byte 0x${(first ?? 0).toString(16).padStart(2, '0')} is neither SASL START (0x01) nor a strict binary Thrift message (0x80)`,
      )
    }
    return false
  }

  #startNoSasl(): void {
    this.#authenticate(undefined, (user) => {
      this.peer.user = user
      this.#phase = 'unframed'
      this.#handshakeDone()
    })
  }

  #takeSaslMessage(): SaslMessage | undefined {
    if (this.#input.length < SASL_HEADER_BYTES) return undefined
    const header = this.#input.peek(SASL_HEADER_BYTES)
    const status = header.readUInt8(0)
    const length = header.readUInt32BE(1)
    const limit = Math.min(MAX_SASL_PAYLOAD_BYTES, this.#settings.maxMessageBytes)
    if (length > limit) {
      this.#fail(
        ThriftTransportErrorCode.MESSAGE_TOO_LARGE,
        `a SASL message declares ${length} bytes, more than the limit of ${limit}`,
      )
      return undefined
    }
    if (this.#input.length < SASL_HEADER_BYTES + length) return undefined
    this.#input.take(SASL_HEADER_BYTES)
    return { status, payload: this.#input.take(length) }
  }

  #onSaslStart(message: SaslMessage): void {
    const mechanism = message.payload.toString('latin1')
    if (mechanism.toUpperCase() !== SASL_PLAIN) {
      this.#refuse(
        SaslStatus.BAD,
        ThriftTransportErrorCode.SASL_NEGOTIATION_FAILED,
        `unsupported SASL mechanism ${JSON.stringify(mechanism.slice(0, 64))}: this server supports ${SASL_PLAIN}`,
      )
      return
    }
    this.#phase = 'sasl-response'
  }

  #onSaslResponse(message: SaslMessage): void {
    // hive-driver and Python's TSaslClientTransport send OK; Java's sends COMPLETE (PLAIN is done on its side).
    if (message.status !== SaslStatus.OK && message.status !== SaslStatus.COMPLETE) {
      this.#refuse(
        SaslStatus.BAD,
        ThriftTransportErrorCode.SASL_NEGOTIATION_FAILED,
        `expected the PLAIN response (SASL status OK or COMPLETE), got status ${message.status}`,
      )
      return
    }
    const response = parsePlainResponse(message.payload)
    if (!response.valid) {
      this.#refuse(SaslStatus.BAD, ThriftTransportErrorCode.SASL_NEGOTIATION_FAILED, response.reason)
      return
    }
    this.#authenticate(response.credentials, (user) => {
      this.peer.user = user
      this.#socket.write(saslMessage(SaslStatus.COMPLETE))
      this.#phase = 'framed'
      this.#handshakeDone()
    })
  }

  #authenticate(
    credentials: ThriftCredentials | undefined,
    accept: (user: string | undefined) => void,
  ): void {
    this.#pause()
    void runAuthentication(this.#settings.authenticate, credentials, this.peer).then((outcome) => {
      if (this.#done) return
      if (outcome.accepted) {
        accept(outcome.user)
        this.#resumeParsing()
      } else if (credentials === undefined) {
        // NOSASL has no message to say why before the client's first request: the connection is closed.
        this.#fail(
          ThriftTransportErrorCode.AUTHENTICATION_FAILED,
          `a NOSASL connection was refused: ${outcome.message}`,
          outcome.cause,
        )
      } else {
        this.#refuse(
          // BAD: the host refused these credentials; ERROR: its check itself failed.
          outcome.failed ? SaslStatus.ERROR : SaslStatus.BAD,
          ThriftTransportErrorCode.AUTHENTICATION_FAILED,
          outcome.message,
          outcome.cause,
        )
      }
    })
  }

  #handshakeDone(): void {
    clearTimeout(this.#handshakeTimer)
    this.#handshakeTimer = undefined
  }

  #takeFrame(): void {
    if (this.#input.length < FRAME_HEADER_BYTES) return
    const length = this.#input.peek(FRAME_HEADER_BYTES).readUInt32BE(0)
    if (length > this.#settings.maxMessageBytes) {
      this.#fail(
        ThriftTransportErrorCode.MESSAGE_TOO_LARGE,
        `a frame declares ${length} bytes, more than the limit of ${this.#settings.maxMessageBytes}`,
      )
      return
    }
    if (length === 0) {
      this.#fail(ThriftTransportErrorCode.MALFORMED_MESSAGE, 'an empty frame is not a Thrift message')
      return
    }
    if (this.#input.length < FRAME_HEADER_BYTES + length) return
    this.#input.take(FRAME_HEADER_BYTES)
    this.#process(this.#input.take(length))
  }

  #takeUnframedMessage(): void {
    if (this.#input.length === 0) return
    // NOSASL has no length prefix: the message's structure is walked again on every chunk until it is
    // whole. Requests are small (TCLIService requests hold a statement and a few handles); a client that
    // sends a huge one costs re-joins and walks bounded by maxMessageBytes and messageTimeoutMs, and
    // only where the host's authenticate lets NOSASL in at all.
    const max = this.#settings.maxMessageBytes
    let length: number | undefined
    try {
      // With the limit, a header declaring a huge string or list is refused on arrival, not after the
      // message timeout: nothing waits for (or buffers) bytes that could never be served.
      length = this.#messageLength(this.#input.contiguous(), 0, max)
    } catch (error) {
      if (error instanceof MessageTooLargeError) {
        this.#fail(
          ThriftTransportErrorCode.MESSAGE_TOO_LARGE,
          `an unframed message is larger than the limit of ${max} bytes`,
          error,
        )
      } else {
        this.#fail(
          ThriftTransportErrorCode.MALFORMED_MESSAGE,
          'the bytes are not a strict binary Thrift message',
          error,
        )
      }
      return
    }
    if ((length ?? this.#input.length) > max) {
      this.#fail(
        ThriftTransportErrorCode.MESSAGE_TOO_LARGE,
        `an unframed message is larger than the limit of ${max} bytes`,
      )
      return
    }
    if (length === undefined) return
    this.#process(this.#input.take(length))
  }

  #process(message: Buffer): void {
    this.#pause()
    const failed = (error: unknown): void => {
      this.#fail(
        ThriftTransportErrorCode.PROCESSOR_FAILED,
        'the Thrift processor failed; the connection is closed',
        error,
      )
    }
    let reply: Promise<Buffer | undefined>
    try {
      reply = this.#processor.process(message, this.peer)
    } catch (error) {
      failed(error)
      return
    }
    reply.then((bytes) => {
      this.#reply(bytes)
    }, failed)
  }

  #reply(bytes: Buffer | undefined): void {
    if (this.#done) return
    if (bytes !== undefined) {
      if (this.#phase === 'framed') {
        const header = Buffer.allocUnsafe(FRAME_HEADER_BYTES)
        header.writeUInt32BE(bytes.length, 0)
        this.#socket.cork()
        this.#socket.write(header)
        this.#socket.write(bytes)
        this.#socket.uncork()
      } else {
        this.#socket.write(bytes)
      }
    }
    if (this.#socket.writableLength <= this.#settings.maxPendingWriteBytes) {
      this.#resumeParsing()
      return
    }
    // The client is not reading its replies: read nothing more from it until it does, for a bounded time.
    this.#writeTimer = setTimeout(() => {
      this.#fail(
        ThriftTransportErrorCode.WRITE_TIMEOUT,
        `the client left more than ${this.#settings.maxPendingWriteBytes} reply bytes unread for ${this.#settings.writeTimeoutMs} ms`,
      )
    }, this.#settings.writeTimeoutMs)
    this.#socket.once('drain', () => {
      clearTimeout(this.#writeTimer)
      this.#writeTimer = undefined
      if (!this.#done) this.#resumeParsing()
    })
  }

  /**
   * Stops reading while a message is processed (or a handshake authenticated). The idle timer stays
   * armed but does nothing while busy; the next #settle re-arms it from then.
   */
  #pause(): void {
    this.#busy = true
    this.#socket.pause()
    this.#clearMessageTimer()
  }

  #resumeParsing(): void {
    this.#busy = false
    this.#pump()
  }

  /** Sends a SASL BAD or ERROR with the reason, then closes (the reason never holds a password). */
  #refuse(status: SaslStatus, code: ThriftTransportErrorCode, reason: string, cause?: unknown): void {
    this.#report(code, reason, cause)
    this.#done = true
    this.#clearTimers()
    this.#socket.end(saslMessage(status, reason))
    this.#lingerTimer = setTimeout(() => this.#socket.destroy(), REFUSAL_LINGER_MS)
  }

  #fail(code: ThriftTransportErrorCode, message: string, cause?: unknown): void {
    if (this.#done) return
    this.#report(code, message, cause)
    this.destroy()
  }

  #report(code: ThriftTransportErrorCode, message: string, cause: unknown): void {
    try {
      this.#settings.onError(new ThriftTransportError(code, message, { cause }), this.peer)
    } catch {
      // The host's log hook failed: closing this connection must not depend on it.
    }
  }

  #clearMessageTimer(): void {
    clearTimeout(this.#messageTimer)
    this.#messageTimer = undefined
  }

  #clearTimers(): void {
    for (const timer of [this.#handshakeTimer, this.#messageTimer, this.#idleTimer, this.#writeTimer]) {
      clearTimeout(timer)
    }
    this.#handshakeTimer = undefined
    this.#messageTimer = undefined
    this.#idleTimer = undefined
    this.#writeTimer = undefined
  }
}
