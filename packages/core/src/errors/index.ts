export { ErrorCode } from './error-codes.js'
export { BatchgateError, type BatchgateErrorOptions } from './batchgate-error.js'
export { DuplicateKeyError, isDuplicateKeyError } from './duplicate-key-error.js'
export { findInCauseChain } from './cause-chain.js'
