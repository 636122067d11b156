// @batchgate/hive-thrift: HiveServer2's TCLIService over a batchgate engine. Exports are added as the
// parts land (protocol codec, transports, service, client).
export * from './protocol/index.js'
