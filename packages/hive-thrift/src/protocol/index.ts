// The TCLIService codec: TBinaryProtocol (strict) messages to and from the typed structs.
export * from './tcliservice-types.js'
export {
  encodeApplicationException,
  encodeCall,
  encodeReply,
  encodeStatusReply,
  TApplicationExceptionType,
} from './encode-messages.js'
export { decodeCall, decodeReply } from './decode-messages.js'
export { MessageTooLargeError, messageLength } from './message-length.js'
export { ThriftDecodeError } from './thrift-decode-error.js'
export { ThriftEncodeError } from './thrift-encode-error.js'
export { isServedMethod, isTCLIServiceMethod } from './schema/served-methods.js'
