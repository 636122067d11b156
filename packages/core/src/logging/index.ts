export type { Logger } from './logger.js'
export { quietConsoleLogger } from './quiet-console-logger.js'
