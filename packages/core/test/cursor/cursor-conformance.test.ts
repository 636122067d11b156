import { describeCursorConformance } from '@batchgate/testkit'
import { cursorKinds } from './cursor-kinds.js'

for (const { name, make } of cursorKinds) describeCursorConformance(`core ${name} cursor`, make)
