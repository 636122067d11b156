// @batchgate/hive-thrift: HiveServer2's TCLIService over a batchgate engine. Exports are added as the
// parts land (protocol codec, transports, service, client).
export * from './protocol/tcliservice-types.js'
export type { ThriftMessageProcessor, ThriftPeer } from './transport/thrift-message-processor.js'
export type {
  ThriftAuthenticate,
  ThriftAuthenticationPeer,
  ThriftCredentials,
} from './transport/thrift-authenticate.js'
export { THRIFT_AUTHENTICATION_FAILED, ThriftAuthenticationError } from './transport/thrift-authenticate.js'
