import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { signRequest } from '../core/auth/sign';
import { SwitchboardError } from '../core/errors';
import { addAuthSchemeOptions, authSettingsFromOptions, type AuthCliOptions } from './auth-options';

interface SignOptions extends AuthCliOptions {
  bodyFile: string;
  method: string;
  url?: string;
  timestampUnit: 's' | 'ms';
  json: boolean;
}

/** Adds `switchboard sign`, which prints the authentication headers Vapi would send with a body. */
export function addSignCommand(program: Command): void {
  const command = program
    .command('sign')
    .description('Print the authentication headers Vapi would send with a body, for use in your own tests.')
    .requiredOption('--body-file <file>', 'the exact body bytes to sign; - reads standard input')
    .option('--method <method>', 'HTTP method for {method}', 'POST')
    .option('--url <url>', 'request URL for {url}, such as https://example.ngrok.app/vapi/webhook')
    .addOption(new Option('--timestamp-unit <unit>', 'unit of the fresh timestamp').choices(['ms', 's']).default('ms'))
    .option('--json', 'print the headers and the exact signed bytes as JSON', false)
    .addHelpText(
      'after',
      '\nGive one of --secret, --bearer-token or --hmac-secret, or their environment variables.\nFor the secret and bearer schemes the header value is the secret itself, so it is printed.',
    )
    .action((options: SignOptions, self: Command) => runSign(options, self));

  addAuthSchemeOptions(command);
}

function runSign(options: SignOptions, command: Command): void {
  const config = authSettingsFromOptions(options, command).default;

  if (config.scheme === 'none') {
    throw new SwitchboardError('invalid_option', 'Nothing to sign with. Pass --secret, --bearer-token or --hmac-secret (or SWITCHBOARD_SECRET, SWITCHBOARD_BEARER_TOKEN, SWITCHBOARD_HMAC_SECRET).');
  }

  if (config.scheme === 'hmac' && config.payloadFormat.includes('{url}') && options.url === undefined && config.publicUrl === null) {
    throw new SwitchboardError('invalid_option', 'The payload format uses {url}. Pass --url with the Server URL set in Vapi.');
  }

  const body = readBody(options.bodyFile);
  const signed = signRequest(config, { method: options.method, url: options.url ?? '', body }, { timestampUnit: options.timestampUnit });

  if (signed === null) {
    return;
  }

  if (options.json) {
    process.stdout.write(`${JSON.stringify(signed, null, 2)}\n`);
    return;
  }

  process.stdout.write(signed.headers.map(([name, value]) => `${name}: ${value}\n`).join(''));
}

function readBody(file: string): Buffer {
  try {
    return readFileSync(file === '-' ? 0 : file);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
    throw new SwitchboardError('invalid_option', `Cannot read the body file ${file}: ${reason}. Pass --body-file with the path of the exact bytes to sign.`);
  }
}
