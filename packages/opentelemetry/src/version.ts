/** The instrumentation scope's name: the meter's and the tracer's. */
export const INSTRUMENTATION_NAME = '@batchgate/opentelemetry'

/** The instrumentation scope's version; a test keeps it equal to package.json's. */
export const INSTRUMENTATION_VERSION = '0.1.0'
