/**
 * Bounds that reject absurd submissions before anything is stored. The defaults fit real Spark/Flink
 * jobs with room to spare; a host can tighten or widen them per engine.
 *
 * @example
 * ```ts
 * await createEngine({ store, limits: { maxConfEntries: 200 } })
 * ```
 */
export interface RequestLimits {
  /** Most entries in `conf`. */
  readonly maxConfEntries: number
  /** Most elements in `args`. */
  readonly maxArgs: number
  /** Most UTF-8 bytes of all strings of a request together (fields, conf keys and values, args). */
  readonly maxRequestBytes: number
  /**
   * Most characters (code points) in a user name. Stores index the owner column, and an index key has
   * a bounded width (MySQL's is `varchar(255)`), so every store accepts the same users.
   */
  readonly maxUserLength: number
  /**
   * Most UTF-8 bytes of a statement given to `engine.sessions.executeStatement` (its conf overlay counts
   * against `maxRequestBytes` and `maxConfEntries`, like a batch's conf).
   */
  readonly maxStatementBytes: number
}

/** 1000 conf entries, 1000 args, 1 MiB in all, user names up to 255 characters, statements up to 1 MiB. */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = {
  maxConfEntries: 1000,
  maxArgs: 1000,
  maxRequestBytes: 1024 * 1024,
  maxUserLength: 255,
  maxStatementBytes: 1024 * 1024,
}
