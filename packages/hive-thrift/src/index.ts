// @batchgate/hive-thrift: HiveServer2's TCLIService over a batchgate engine. Exports are added as the
// parts land (protocol codec, transports, service, client).
export * from './protocol/index.js'
export * from './transport/index.js'
export { tcliService, type TCLIServiceProcessor } from './service/tcli-service.js'
export type { TCLIServiceOptions } from './service/tcli-service-options.js'
export type { HiveThriftEngine } from './service/hive-thrift-engine.js'
