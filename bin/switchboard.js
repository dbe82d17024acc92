#!/usr/bin/env node
// Entry of the `switchboard` command: runs the CLI that `npm install` built into out/.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');

if (!existsSync(cli)) {
  process.stderr.write(`switchboard: the CLI is not built (${cli} is missing). Run "npm run build" in ${join(__dirname, '..')}.\n`);
  process.exit(1);
}

require(cli);
