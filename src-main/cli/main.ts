import { Command, Option } from 'commander';
import pkg from '../../package.json';
import { messageOf, SwitchboardError, withBusyExplained } from '../core/errors';
import { defaultDatabasePath } from '../core/data-dir';
import { DEFAULT_INSPECTOR_PORT, DEFAULT_PORT, DEFAULT_SETTINGS } from '../core/settings';
import { MAX_LIST_LIMIT } from '../recorder/exchange-store';
import { addAuthSchemeOptions, addRejectOption, authSettingsFromOptions, type AuthCliOptions } from './auth-options';
import { runList } from './list-command';
import { addMocksCommand } from './mocks-command';
import { builtRendererDir, runListen, type ListenOptions } from './listen-command';
import { collectTypeTimeout, parseListLimit, parsePort, parseSeconds, parseSize } from './options';
import { addReplayCommand } from './replay-command';
import { runShow } from './show-command';
import { addSignCommand } from './sign-command';
import { stdoutClosed } from './stdout-closed';
import { addClearCommand } from './clear-command';
import { addRetentionOptions, type RetentionCliOptions } from './retention-options';

function dbOption(): Option {
  return new Option('--db <file>', 'SQLite database file (env SWITCHBOARD_DB)').default(defaultDatabasePath());
}

function buildProgram(): Command {
  const program = new Command('switchboard')
    .description('Receive Vapi server-URL webhooks, forward them to your local server, and record every exchange.')
    .version(pkg.version)
    .showHelpAfterError('(run with --help for usage)');

  const listen = program
    .command('listen')
    .description('Receive webhooks, forward each one byte for byte to your server, relay the reply and record both.')
    .option('--forward-to <url>', 'your server, such as http://localhost:3000/vapi/webhook (a URL with a path gets every event at that path; a bare origin keeps the incoming path)')
    .option('--port <port>', 'port that receives Vapi requests; 0 picks a free port', parsePort, DEFAULT_PORT)
    .option('--host <address>', 'address the receive port binds to; 0.0.0.0 listens on every interface', DEFAULT_SETTINGS.host)
    .addOption(dbOption())
    .addOption(
      new Option('--timeout <seconds>', 'forward timeout for event types without their own')
        .argParser(parseSeconds)
        .default(DEFAULT_SETTINGS.timeoutMs, String(DEFAULT_SETTINGS.timeoutMs / 1000)),
    )
    .addOption(
      new Option('--type-timeout <type=seconds>', 'forward timeout for one event type; repeatable')
        .argParser(collectTypeTimeout)
        .default({}, 'assistant-request=7'),
    )
    .addOption(
      new Option('--body-limit <size>', 'largest request body accepted, such as 16MiB; larger ones get 413 and are not forwarded')
        .argParser(parseSize)
        .default(DEFAULT_SETTINGS.bodyLimitBytes, '16MiB'),
    )
    .option('--inspector-port <port>', 'port of the inspector UI and API on 127.0.0.1; 0 picks a free port', parsePort, DEFAULT_INSPECTOR_PORT)
    .option('--no-inspector', 'do not serve the inspector UI')
    .option('--mocks <file>', 'mock rule file to load at start and again whenever it changes (rules with a stored name are replaced); see docs/mock-rules.md')
    .option('--open', 'open the inspector in the default browser once started', false)
    .addHelpText('after', '\nTimeouts are in seconds and the defaults (20, and 7 for assistant-request) stay inside Vapi\'s deadlines.')
    .action(async (options: ListenOptions & AuthCliOptions & RetentionCliOptions, command: Command) => {
      await runListen({ ...options, auth: authSettingsFromOptions(options, command) }, pkg.version, builtRendererDir(__dirname));
    });
  addRejectOption(addAuthSchemeOptions(listen));
  addRetentionOptions(listen);

  program
    .command('list')
    .description('Print recorded exchanges, newest first.')
    .addOption(dbOption())
    .option('--type <type>', 'only this message.type, such as tool-calls')
    .option('--call <id>', 'only exchanges of this call id')
    .option('--search <text>', 'only exchanges whose bodies contain this phrase (words and strings of JSON bodies, not numbers)')
    .option('--limit <n>', `how many exchanges to print, at most ${MAX_LIST_LIMIT}`, parseListLimit, 50)
    .option('--json', 'print one JSON array instead of lines', false)
    .action((options) => runList(options));

  program
    .command('show')
    .description('Print one exchange in full: headers and bodies of the request and the reply.')
    .argument('<id>', 'exchange id, from "switchboard list"')
    .addOption(dbOption())
    .option('--json', 'print the exact record as JSON, credentials included, with bodies as text and as base64 of the exact bytes', false)
    .option('--reveal-secrets', 'print credential headers (X-Vapi-Secret, Authorization) and secret body fields instead of masking them', false)
    .action((id: string, options) => runShow(id, options));

  addReplayCommand(program, dbOption);
  addSignCommand(program);

  addMocksCommand(program, dbOption);
  addClearCommand(program, dbOption);

  return program;
}

/** Prints a known error as one line with its fix, and anything else with a hint to report it. */
function reportFailure(thrown: unknown): never {
  const error = withBusyExplained(thrown);

  if (error instanceof SwitchboardError) {
    process.stderr.write(`switchboard: ${error.message}\n`);
    process.exit(1);
  }

  const message = messageOf(error);
  process.stderr.write(`switchboard: unexpected error: ${message}\n`);

  if (process.env.SWITCHBOARD_DEBUG === '1' && error instanceof Error) {
    process.stderr.write(`${error.stack ?? ''}\n`);
  } else {
    process.stderr.write('Run again with SWITCHBOARD_DEBUG=1 for the stack trace.\n');
  }

  process.exit(1);
}

// A reader that stops early, such as `switchboard show 12 | head`, closes the pipe: that ends the
// output, not in an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') {
    stdoutClosed();
    return;
  }

  reportFailure(error);
});

buildProgram().parseAsync(process.argv).catch(reportFailure);
