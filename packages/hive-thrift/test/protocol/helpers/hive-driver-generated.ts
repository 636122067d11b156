import { createRequire } from 'node:module'
import type { Generated, GeneratedService, ThriftRuntime } from './generated-service.js'

// hive-driver's own generated TCLIService code (thrift 0.20 compiler, CommonJS) and the thrift runtime
// it resolves (0.20, not ours): an independent implementation of the same wire to check ours against.

const requireFromPackage = createRequire(import.meta.url)
const generatedDir = requireFromPackage
  .resolve('hive-driver/thrift/gen-nodejs/TCLIService.js')
  .replace(/TCLIService\.js$/, '')
const requireFromGenerated = createRequire(generatedDir)

export const hiveDriverGenerated: Generated = {
  runtime: requireFromGenerated('thrift') as ThriftRuntime,
  service: requireFromGenerated('./TCLIService.js') as GeneratedService,
}

/** The runtime's version as its package says (to show which one the interop ran against). */
export const hiveDriverRuntimeVersion = (requireFromGenerated('thrift/package.json') as { version: string })
  .version
