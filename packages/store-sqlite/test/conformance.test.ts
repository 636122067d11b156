import { describeEngineConformance, describeMetastoreConformance } from '@batchgate/testkit'
import { sqliteHarness } from '@batchgate/store-sqlite/testing'

describeMetastoreConformance('store-sqlite', () => sqliteHarness())
describeEngineConformance('store-sqlite', () => sqliteHarness())
