import { describeStoreConformance } from '@batchgate/testkit'
import { sqliteFixture } from '@batchgate/store-sqlite/testing'

describeStoreConformance('store-sqlite', () => sqliteFixture())
