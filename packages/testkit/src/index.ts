export type {
  CorruptibleColumn,
  StoreFixture,
  StoreFixtureFactory,
  StoreFixtureModule,
  StoreFixtureOptions,
  StoreFixtureSpec,
} from './fixture/store-fixture.js'
export { loadStoreFixtureModule, openStoreFixture } from './fixture/load-store-fixture.js'
export {
  describeStoreConformance,
  type StoreConformanceOptions,
} from './suites/describe-store-conformance.js'
export type { RawBatchRow } from './harness/raw-batch-row.js'
export { sampleRecord, sampleRequest } from './harness/fixtures.js'
export { RecordingLauncher } from './harness/recording-launcher.js'
export { createBarrier, createLatch, type Latch } from './harness/latch.js'
export { waitUntil } from './harness/wait-until.js'
export { RecordingLogger, type LogLine } from './harness/recording-logger.js'

export type { CaseContext, ConformanceCase, SuiteOptions } from './suites/conformance-case.js'
export {
  coordinationConformanceCases,
  describeMetastoreConformance,
  metastoreConformanceCases,
  type MetastoreGroup,
} from './suites/metastore/index.js'
export { describeEngineConformance, engineConformanceCases, type EngineGroup } from './suites/engine/index.js'

export { InterceptingStore, type StoreHooks } from './faults/intercepting-store.js'
export { failingStore, type StoreFaults } from './faults/failing-store.js'

export type { RaceOptions, RaceProgress } from './simulator/race-options.js'
export type { RaceReport, LatencySummary } from './simulator/race-report.js'
export { simulateRace } from './simulator/simulate-race.js'
export { simulateRaceInProcesses, type ProcessRaceOptions } from './simulator/simulate-race-in-processes.js'
export { breakStore, type ContractBreak } from './faults/contract-breakers.js'

export {
  describeCursorConformance,
  cursorConformanceCases,
  cursorMovementVectors,
  type CursorFactory,
  type CursorGroup,
  type CursorMovementStep,
  type CursorMovementVector,
} from './suites/cursor/index.js'
export {
  lossyTransport,
  randomLosses,
  scriptedLosses,
  LostMessageError,
  type LossPlan,
  type LossStats,
  type LossyTransport,
  type MessageLoss,
} from './faults/lossy-transport.js'
export { seededRandom } from './faults/seeded-random.js'
export { DelegatingStore } from './faults/delegating-store.js'
export { DelegatingCoordinatedStore } from './faults/delegating-coordinated-store.js'
export { FailingStore } from './faults/failing-store.js'
export { redactStoreSpec } from './cli/redact-store-spec.js'
export { BUILT_IN_STORE_MODULES } from './cli/find-store-module.js'
export {
  startFaultProxy,
  type Fault,
  type FaultProxy,
  type FaultProxyOptions,
  type ProxiedRequest,
} from './net/fault-proxy.js'
export { httpFraming, type FramedRequest, type RequestFraming } from './net/request-framing.js'

export {
  startFailoverCluster,
  type FailoverCluster,
  type FailoverClusterOptions,
  type FailoverInstance,
} from './failover/failover-cluster.js'
export type { FailoverWorker, ObservedWorkEvent, WorkerExit } from './failover/failover-worker-handle.js'
export type { FailoverWorkerJob, WireError } from './failover/failover-protocol.js'
export {
  workLauncher,
  WORK_MS_CONF,
  type WorkLauncherEvent,
  type WorkLauncherOptions,
} from './failover/work-launcher.js'
export { workRequest, BATCH_PRIORITY_CONF, type WorkRequestOptions } from './failover/work-request.js'
export {
  appendWorkLine,
  readWorkLog,
  parseWorkLine,
  type WorkEvent,
  type WorkLogEntry,
} from './failover/work-log.js'
export { summarizeWork, launchedTwice, type BatchWork } from './failover/work-summary.js'
export { claimGate, type ClaimGate } from './failover/held-claims.js'
export { isProcessRunning } from './failover/process-alive.js'
export {
  adoptionsFrom,
  fencingViolations,
  type Adoption,
  type AuditedChange,
  type BatchAudit,
  type FencingViolation,
} from './failover/batch-audit.js'
export { priorityInversions, type PriorityInversion, type QueuedBatchRow } from './failover/priority-order.js'
export { sampleRunning, type RunningSampler, type RunningSamples } from './failover/running-sampler.js'
export { describeFailoverScenarios, type FailoverScenarioOptions } from './suites/failover/index.js'
export { measureAdoption, type MeasureAdoptionOptions } from './failover/adoption-latency.js'
