import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { THandleIdentifier } from '../protocol/tcliservice-types.js'

/** A guid and a secret are 16 bytes each, as HiveServer2's (a Java UUID's two longs). */
const ID_BYTES = 16

/**
 * How many guids' secrets are kept once computed. A FetchResults loop checks the same handle on every
 * call, and an HMAC-SHA256 per call was 21 µs of a 1,000-row block's ~300 µs of service work; a hit is a
 * map lookup. Bounded so that a client sending many guids cannot grow it: past the bound the oldest
 * entry goes (insertion order).
 */
const CACHED_SECRETS = 1024

/** A canonical lower-case hyphenated UUID, as core issues its handles. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Turns core's UUID handles into Thrift's `THandleIdentifier` and back: `guid` is the UUID's 16 bytes,
 * `secret` the first 16 bytes of an HMAC-SHA256 of the guid under a per-service key. A handle whose
 * secret does not match reads as no handle at all, so guessing a guid gets nothing.
 *
 * @example
 * ```ts
 * const signer = new HandleSigner()
 * const id = signer.identifier('6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69')
 * signer.handleOf(id) // '6c7e3a4e-1f0b-4c52-9a57-2f1d3c4b5a69'
 * ```
 */
export class HandleSigner {
  readonly #key: Buffer
  /** The secret of each recently seen guid, by the guid's hex form. */
  readonly #secrets = new Map<string, Buffer>()

  constructor(key: Buffer = randomBytes(32)) {
    this.#key = Buffer.from(key)
  }

  /** The identifier of a core handle (a UUID). */
  identifier(handle: string): THandleIdentifier {
    if (!UUID.test(handle)) throw new TypeError(`not a canonical UUID handle: ${handle}`)
    const hex = handle.replaceAll('-', '')
    const guid = Buffer.from(hex, 'hex')
    return { guid, secret: Buffer.from(this.#secret(guid, hex)) }
  }

  /** Core's handle for an identifier a client sent, or `undefined` when it is malformed or its secret is wrong. */
  handleOf(identifier: THandleIdentifier | undefined): string | undefined {
    const guid: unknown = identifier?.guid
    const secret: unknown = identifier?.secret
    if (!Buffer.isBuffer(guid) || !Buffer.isBuffer(secret)) return undefined
    if (guid.length !== ID_BYTES || secret.length !== ID_BYTES) return undefined
    const hex = guid.toString('hex')
    if (!timingSafeEqual(secret, this.#secret(guid, hex))) return undefined
    return uuidOfHex(hex)
  }

  /**
   * The UUID form of an identifier's guid whatever its secret (for error messages naming what the client
   * sent), or `a malformed handle` when the guid is not 16 bytes.
   */
  describe(identifier: THandleIdentifier | undefined): string {
    const guid: unknown = identifier?.guid
    if (!Buffer.isBuffer(guid) || guid.length !== ID_BYTES) return 'a malformed handle'
    return uuidOf(guid)
  }

  /** The secret of a guid (`hex` its hex form), from the cache or computed and cached. Never handed out (callers copy it). */
  #secret(guid: Buffer, hex: string): Buffer {
    let secret = this.#secrets.get(hex)
    if (secret === undefined) {
      secret = createHmac('sha256', this.#key).update(guid).digest().subarray(0, ID_BYTES)
      if (this.#secrets.size >= CACHED_SECRETS) {
        const oldest = this.#secrets.keys().next()
        if (oldest.done !== true) this.#secrets.delete(oldest.value)
      }
      this.#secrets.set(hex, secret)
    }
    return secret
  }
}

function uuidOf(guid: Buffer): string {
  return uuidOfHex(guid.toString('hex'))
}

function uuidOfHex(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
