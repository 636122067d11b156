// Type helpers of the TCLIService types.

/** Widens every i64 (`bigint`) in T to `bigint | number`: what the encoder accepts. */
export type Encodable<T> = T extends bigint
  ? bigint | number
  : T extends Buffer
    ? T
    : T extends readonly (infer E)[]
      ? readonly Encodable<E>[]
      : T extends object
        ? { [K in keyof T]: Encodable<T[K]> }
        : T

/** The union of an enum object's values: the type named like the object. */
export type EnumValue<E> = E[keyof E]
