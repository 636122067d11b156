export { describeFailoverScenarios } from './describe-failover-scenarios.js'
export type { FailoverScenarioOptions } from './failover-scenario-options.js'
export { sigkillScenario, type SigkillOutcome } from './sigkill-scenario.js'
export type { ScenarioTiming } from './failover-scenario-options.js'
