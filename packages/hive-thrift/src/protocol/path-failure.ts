import { ThriftDecodeError } from './thrift-decode-error.js'
import { ThriftEncodeError } from './thrift-encode-error.js'

/**
 * Internal: why a value did not fit its schema (encoding) or a message broke it (decoding), and where.
 * Thrown at the offending value; each enclosing struct, list or map adds its step to `path` as the
 * stack unwinds, so no path strings are built while all goes well. The public entry points turn it
 * into a ThriftEncodeError or ThriftDecodeError.
 */
export class PathFailure extends Error {
  readonly path: string[]

  constructor(
    readonly reason: string,
    path: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(reason, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'PathFailure'
    this.path = path
  }

  /** `err` with `step` added in front of its path (other errors pass through untouched: the writer's own bugs). */
  static at(err: unknown, step: string): unknown {
    if (err instanceof PathFailure) err.path.unshift(step)
    return err
  }

  /** Like `at`, but any other error (the runtime's, e.g. a message cut short) becomes a PathFailure too. */
  static wrap(err: unknown, step: string): PathFailure {
    const failure = err instanceof PathFailure ? err : new PathFailure(reasonOf(err), [], { cause: err })
    failure.path.unshift(step)
    return failure
  }

  /** `root.a.b[3].c: reason`. */
  describe(root: string): string {
    let where = root
    for (const step of this.path) where += step.startsWith('[') ? step : `.${step}`
    return `${where}: ${this.reason}`
  }
}

/** The public error of a failed encode (other errors pass through). */
export function toEncodeError(err: unknown, root: string): unknown {
  return err instanceof PathFailure ? new ThriftEncodeError(err.describe(root)) : err
}

/** The public error of a failed decode: every error becomes a ThriftDecodeError, the runtime's as `cause`. */
export function toDecodeError(err: unknown, root: string): ThriftDecodeError {
  if (err instanceof ThriftDecodeError) return err
  if (err instanceof PathFailure) return new ThriftDecodeError(err.describe(root), { cause: err.cause })
  return new ThriftDecodeError(`${root}: ${reasonOf(err)}`, { cause: err })
}

function reasonOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  // The runtime's transports throw this (with no message) when a read runs past the buffer's end.
  if (err.name === 'InputBufferUnderrunError') return 'the message ends before the value does'
  return err.message === '' ? err.name : err.message
}
