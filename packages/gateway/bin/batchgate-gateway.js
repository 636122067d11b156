#!/usr/bin/env node
// The gateway's command; the implementation is compiled to dist/.
import '../dist/bin.js'
