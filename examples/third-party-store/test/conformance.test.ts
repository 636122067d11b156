import { describeStoreConformance } from '@batchgate/testkit'
import { tinyFixture } from '../src/testing.js'

describeStoreConformance('tiny-store', () => tinyFixture())
