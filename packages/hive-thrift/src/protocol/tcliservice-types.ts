// The TypeScript shapes of the TCLIService structs, unions and enums that this package serves, named
// as in Hive's IDL (service-rpc/if/TCLIService.thrift) so that code reads like the HiveServer2 docs.
// `idl/tcliservice.thrift` is the wire spec these mirror; the codec's schemas give each field its id
// and Thrift type.
//
// Conventions:
// - i64 fields are `bigint` (what the decoder returns). The encoder also takes numbers: its parameters
//   are `Encodable<T>`, which widens every i64 to `bigint | number`.
// - binary fields are `Buffer`; Thrift maps are plain objects keyed by string.
// - A Thrift union is an interface whose fields are all optional: exactly one is set on the wire
//   (the encoder refuses zero or several).
// - Enums are `const` objects of numbers with a same-named type. A decoded enum field holds the
//   number on the wire, which a newer peer may send outside the values listed here.

export * from './types/encodable.js'
export * from './types/table-schema.js'
export * from './types/row-set.js'
export * from './types/status-and-handles.js'
export * from './types/session-messages.js'
export * from './types/operation-start-messages.js'
export * from './types/operation-messages.js'
export * from './types/methods.js'
