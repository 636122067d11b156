export type { ThriftMessageProcessor, ThriftPeer } from './thrift-message-processor.js'
export type {
  ThriftAuthenticate,
  ThriftAuthenticationPeer,
  ThriftCredentials,
} from './thrift-authenticate.js'
export { THRIFT_AUTHENTICATION_FAILED, ThriftAuthenticationError } from './thrift-authenticate.js'
export { thriftPasswordAuth, type ThriftPasswordAuthOptions } from './thrift-password-auth.js'
export { thriftNoAuth } from './thrift-no-auth.js'
export { ThriftTransportError, ThriftTransportErrorCode } from './thrift-transport-error.js'
export {
  BINARY_SERVER_DEFAULTS,
  type ThriftBinaryServerOptions,
} from './binary/thrift-binary-server-options.js'
export { thriftHttpHandler, type ThriftHttpHandler } from './http/thrift-http-handler.js'
export { HTTP_HANDLER_DEFAULTS, type ThriftHttpHandlerOptions } from './http/thrift-http-handler-options.js'
export { thriftBinaryServer } from './binary/thrift-binary-server.js'
