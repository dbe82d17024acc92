import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import type { AuthSettings } from '../contract/auth';
import type { ExchangeDetail, HeaderPair } from '../contract/exchange';
import type { JsonPointerEdit, ReplayTiming } from '../contract/replay';
import type { Settings } from '../contract/settings';
import { Engine } from '../core/engine';
import { SwitchboardError } from '../core/errors';
import { exchangeDetailJson } from '../core/exchange-json';
import { plainBodyText } from '../core/replay/body-encoding';
import { replayFailed } from '../core/replay/call-replay';
import { parsePointerAssignment } from '../core/replay/json-pointer';
import { STALE_SIGNATURE } from '../core/replay/replay-headers';
import { parseTarget } from '../core/target';
import { openDatabase } from '../recorder/open-database';
import { addAuthSchemeOptions, authSettingsFromOptions, type AuthCliOptions } from './auth-options';
import { runCallReplay } from './call-replay-command';
import { formatDuration } from './exchange-line';
import { parseSeconds } from './options';

export interface ReplayCommandOptions {
  db: string;
  to?: string;
  set: JsonPointerEdit[];
  bodyFile?: string;
  header: HeaderPair[];
  allowInvalidJson: boolean;
  timeout?: number;
  json: boolean;
  call?: string;
  timing: ReplayTiming;
  stopOnFailure: boolean;
  /** Signs each replay for the bytes it sends; from the scheme flags. */
  auth?: AuthSettings;
}

function collectSet(value: string, previous: JsonPointerEdit[]): JsonPointerEdit[] {
  try {
    return [...previous, parsePointerAssignment(value)];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function collectHeader(value: string, previous: HeaderPair[]): HeaderPair[] {
  const separator = value.indexOf(':');

  if (separator < 1) {
    throw new InvalidArgumentError(`"${value}" is not a header. Write it as "Name: value", such as "X-Env: dev".`);
  }

  return [...previous, [value.slice(0, separator).trim(), value.slice(separator + 1).trim()]];
}

/** Adds the `replay` command to the program. */
export function addReplayCommand(program: Command, dbOption: () => Option): void {
  const command = program
    .command('replay')
    .description('Send a recorded exchange to your server again, as recorded or edited, and record the result as a replay of it.')
    .argument('[id]', 'exchange id, from "switchboard list"')
    .option('--to <url>', 'send to this server instead of the URL the exchange was forwarded to (the path maps as with listen --forward-to)')
    .option('--set <pointer=value>', 'set one JSON value in the body, such as /message/analysis/summary="New text"; repeatable (VALUE is JSON when it parses, a string otherwise)', collectSet, [] as JsonPointerEdit[])
    .option('--body-file <file>', 'send the bytes of this file as the body (--set edits apply on top)')
    .option('--header <header>', 'set a request header, such as "X-Env: dev"; repeatable; "Name:" with no value removes it', collectHeader, [] as HeaderPair[])
    .option('--allow-invalid-json', 'send an edited body that is not valid JSON as raw text instead of stopping', false)
    .option('--timeout <seconds>', 'how long to wait for your server (default: the listen defaults, 20, and 7 for assistant-request)', parseSeconds)
    .addOption(dbOption())
    .option('--json', 'print the recorded replay as JSON', false)
    .option('--call <id>', 'replay every recorded event of this call in order, instead of one exchange')
    .addOption(new Option('--timing <timing>', 'with --call: "fast" sends each event as soon as the previous one finished; "original" keeps the recorded spacing').choices(['fast', 'original']).default('fast'))
    .option('--stop-on-failure', 'with --call: stop at the first event your server fails (no answer, or status 400 and above)', false)
    .addHelpText('after', '\nExits with status 1 when your server did not answer or answered with status 400 or above.')
    .action(async (id: string | undefined, options: ReplayCommandOptions & AuthCliOptions, self: Command) => {
      process.exitCode = await runReplay(id, { ...options, auth: authSettingsFromOptions(options, self) });
    });
  addAuthSchemeOptions(command).addHelpText('after', 'With --secret, --bearer-token or --hmac-secret, each replay is signed again for the bytes it sends.');
}

/** Runs the command and returns the exit status. */
export async function runReplay(idText: string | undefined, options: ReplayCommandOptions): Promise<number> {
  checkArguments(idText, options);

  if (options.to !== undefined) {
    parseTarget(options.to);
  }

  const settings: Partial<Settings> = options.timeout === undefined ? {} : { timeoutMs: options.timeout, timeoutMsByType: {} };
  const db = openDatabase(options.db);
  const engine = new Engine({ db, databasePath: options.db, settings, ...(options.auth === undefined ? {} : { auth: { settings: options.auth } }) });

  try {
    if (options.call !== undefined) {
      return await runCallReplay(engine, options.call, options);
    }

    const replay = await engine.replay(Number(idText), {
      ...(options.to === undefined ? {} : { to: options.to }),
      ...bodyEdits(options),
      ...(options.header.length === 0 ? {} : { headers: editedHeaders(engine, Number(idText), options.header) }),
      allowInvalidJson: options.allowInvalidJson,
    });
    printReplay(replay, options.json);
    return replayFailed(replay) ? 1 : 0;
  } finally {
    await engine.stop(0);
    db.close();
  }
}

function checkArguments(idText: string | undefined, options: ReplayCommandOptions): void {
  if (options.call !== undefined && idText !== undefined) {
    throw new SwitchboardError('invalid_option', 'Give either an exchange id or --call CALL_ID, not both.');
  }

  if (options.call !== undefined && (options.set.length > 0 || options.bodyFile !== undefined || options.header.length > 0)) {
    throw new SwitchboardError('invalid_option', '--set, --body-file and --header edit one exchange; they cannot be used with --call.');
  }

  if (options.call === undefined && idText === undefined) {
    throw new SwitchboardError('invalid_option', 'Give the id of the exchange to replay (see "switchboard list"), or --call CALL_ID to replay a whole call.');
  }

  if (idText !== undefined && !/^[1-9]\d*$/.test(idText)) {
    throw new SwitchboardError('invalid_option', `"${idText}" is not an exchange id. Ids are the numbers in the first column of "switchboard list".`);
  }
}

function bodyEdits(options: ReplayCommandOptions): { bodyBase64?: string; set?: JsonPointerEdit[] } {
  const edits: { bodyBase64?: string; set?: JsonPointerEdit[] } = {};

  if (options.bodyFile !== undefined) {
    try {
      edits.bodyBase64 = readFileSync(options.bodyFile).toString('base64');
    } catch (error) {
      throw new SwitchboardError('invalid_option', `Cannot read --body-file ${options.bodyFile}: ${(error as Error).message}. Check the path.`);
    }
  }

  if (options.set.length > 0) {
    edits.set = options.set;
  }

  return edits;
}

/** Applies each `--header` to the recorded headers: a header is replaced when present, added otherwise, and removed when the value is empty. */
function editedHeaders(engine: Engine, id: number, changes: HeaderPair[]): HeaderPair[] {
  let headers = engine.store.detail(id)?.requestHeaders ?? [];

  for (const [name, value] of changes) {
    const lower = name.toLowerCase();
    headers = headers.filter(([candidate]) => candidate.toLowerCase() !== lower);

    if (value !== '') {
      headers.push([name, value]);
    }
  }

  return headers;
}

function printReplay(replay: ExchangeDetail, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ ...exchangeDetailJson(replay), receivedAt: new Date(replay.receivedAt).toISOString() }, null, 2)}\n`);
  } else {
    const failed = replayFailed(replay);
    const lines = [
      `${pc.bold(`Replay ${replay.id}`)} of exchange ${replay.replayOf} (${replay.type ?? `${replay.method} ${replay.path}`})${replay.edited ? ', edited,' : ''} to ${replay.targetUrl ?? '-'}`,
      `Status:    ${replay.status === null ? '-' : failed ? pc.red(String(replay.status)) : pc.green(String(replay.status))}  ${replay.outcome}`,
      `Duration:  ${formatDuration(replay.durationMs)}`,
    ];

    if (replay.signature === STALE_SIGNATURE) {
      lines.push(`Signature: ${pc.yellow('stale')}: the body was edited and no signing secret is set, so the original signature no longer matches it.`);
    } else if (replay.signature !== null) {
      lines.push(`Signature: ${replay.signature}`);
    }

    const body = plainBodyText(replay.responseBody, replay.responseHeaders);
    lines.push('', body ?? pc.dim(replay.responseBody === null ? '(no response body)' : `(${replay.responseBody.byteLength} bytes that are not UTF-8 text; use --json for base64)`));
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  if (replay.errorMessage !== null) {
    process.stderr.write(`switchboard: ${replay.errorMessage}\n`);
  }
}
