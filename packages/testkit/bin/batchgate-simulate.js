#!/usr/bin/env node
// The command-line front of the race simulator; the implementation is compiled to dist/.
import '../dist/cli/batchgate-simulate.js'
