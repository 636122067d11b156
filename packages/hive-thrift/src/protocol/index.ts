// The TCLIService codec: TBinaryProtocol (strict) messages to and from the typed structs.
export * from './tcliservice-types.js'
export {
  decodeCall,
  decodeReply,
  encodeApplicationException,
  encodeCall,
  encodeReply,
  encodeStatusReply,
  TApplicationExceptionType,
} from './tcliservice-codec.js'
export { messageLength } from './message-length.js'
export { ThriftDecodeError } from './thrift-decode-error.js'
export { ThriftEncodeError } from './thrift-encode-error.js'
export { isServedMethod, isTCLIServiceMethod } from './schema/served-methods.js'
