import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, startListen, type ListenProcess } from '../support/cli-process';
import { closedPort } from '../support/forwarding-fixture';
import { send } from '../support/http-client';
import { sampleBytes } from '../support/samples';
import { tempFolder } from '../support/temp-db';
import { replyJson, startTarget, type TargetServer } from '../support/target-server';

const cleanups: (() => Promise<unknown> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

function temp() {
  const folder = tempFolder();
  cleanups.push(() => folder.remove());
  return folder;
}

async function target(): Promise<TargetServer> {
  const server = await startTarget(replyJson({ results: [] }));
  cleanups.push(() => server.close());
  return server;
}

async function listen(args: string[]): Promise<ListenProcess> {
  const process = await startListen(args);
  cleanups.push(() => process.stop('SIGKILL'));
  return process;
}

describe('switchboard listen', () => {
  it('prints the banner with the bound port', async () => {
    const { dbPath } = temp();
    const server = await target();

    const running = await listen(['--forward-to', `${server.url}/vapi/webhook`, '--port', '0', '--inspector-port', '0', '--db', dbPath]);

    expect(running.receiveUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.receiveUrl).not.toMatch(/:0$/);
    expect(running.output()).toContain(`Forwarding to: ${server.url}/vapi/webhook`);
    expect(running.output()).toContain(`Database:     ${dbPath}`);
    expect(running.inspectorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('keeps serving after its output reader leaves', async () => {
    const { dbPath } = temp();
    const server = await target();
    const running = await listen(['--forward-to', server.url, '--port', '0', '--no-inspector', '--db', dbPath]);

    running.child.stdout?.destroy();
    const first = await send(`${running.receiveUrl}/`, { body: sampleBytes('tool-calls.json') });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await send(`${running.receiveUrl}/`, { body: sampleBytes('tool-calls.json') });

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(running.child.exitCode).toBeNull();
    expect(running.errors()).toContain('exchange lines are no longer printed');
  });

  it('forwards samples and prints a line for each', async () => {
    const { dbPath } = temp();
    const server = await target();
    const running = await listen(['--forward-to', server.url, '--port', '0', '--no-inspector', '--db', dbPath]);

    await send(`${running.receiveUrl}/`, { body: sampleBytes('tool-calls.json') });
    await send(`${running.receiveUrl}/`, { body: sampleBytes('end-of-call-report.json') });
    const toolLine = await running.waitForOutput(/.*tool-calls.*\n/);
    await running.waitForOutput(/.*end-of-call-report.*\n/);

    expect(toolLine).toContain('7d2e4f1a');
    expect(toolLine).toContain('check_availability, lookup_customer');
    expect(toolLine).toContain('200');
    expect(toolLine).toMatch(/\d+ ms/);
    expect(running.output()).not.toContain('Inspector:');

    const listed = JSON.parse(runCli(['list', '--db', dbPath, '--json']).stdout) as { type: string }[];
    expect(listed.map((exchange) => exchange.type)).toEqual(['end-of-call-report', 'tool-calls']);
  });

  it('prints the outcome in words when forwarding fails', async () => {
    const { dbPath } = temp();
    const port = await closedPort();
    const running = await listen(['--forward-to', `http://127.0.0.1:${port}`, '--port', '0', '--no-inspector', '--db', dbPath]);

    await send(`${running.receiveUrl}/`, { body: sampleBytes('status-update.in-progress.json') });
    const line = await running.waitForOutput(/.*status-update.*\n/);

    expect(line).toContain('502');
    expect(line).toContain('target unreachable');
  });

  it('records in-flight requests as interrupted on SIGINT', async () => {
    const { dbPath } = temp();
    const hanging = http.createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      hanging.closeAllConnections();
      hanging.close();
    });
    const running = await startListen([
      '--forward-to',
      `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`,
      '--port',
      '0',
      '--no-inspector',
      '--db',
      dbPath,
    ]);
    const pending = send(`${running.receiveUrl}/`, { body: sampleBytes('tool-calls.json') }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const exitCode = await running.stop('SIGINT');
    await pending;
    const listed = JSON.parse(runCli(['list', '--db', dbPath, '--json']).stdout) as { outcome: string }[];

    expect(exitCode).toBe(0);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.outcome).toBe('interrupted');
  });
});


describe('switchboard listen errors', () => {
  it('names a port in use and the fix', async () => {
    const { dbPath } = temp();
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => void blocker.close());
    const port = (blocker.address() as AddressInfo).port;

    const result = runCli(['listen', '--port', String(port), '--no-inspector', '--db', dbPath]);

    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`127.0.0.1:${port} is already in use`);
    expect(result.stderr).toContain('--port');
  });

  it('names an inspector port in use', async () => {
    const { dbPath } = temp();
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => void blocker.close());
    const port = (blocker.address() as AddressInfo).port;

    const result = runCli(['listen', '--port', '0', '--inspector-port', String(port), '--db', dbPath]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Cannot start the inspector: 127.0.0.1:${port} is already in use`);
    expect(result.stderr).toContain('--inspector-port');
  });

  it('rejects a bad target URL', () => {
    const { dbPath } = temp();

    const result = runCli(['listen', '--forward-to', 'localhost:3000', '--db', dbPath]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid target URL "localhost:3000"');
    expect(result.stderr).toContain('http://localhost:3000');
  });

  it('shows the bracketed form of an IPv6 target', () => {
    const { dbPath } = temp();

    const result = runCli(['listen', '--forward-to', 'http://::1:3000/hook', '--db', dbPath]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('http://[::1]:3000/hook');
  });

  it('rejects an unwritable database path', () => {
    const { folder } = temp();
    const fileAsFolder = join(folder, 'not-a-folder');
    require('node:fs').writeFileSync(fileAsFolder, 'x');

    const result = runCli(['listen', '--port', '0', '--no-inspector', '--db', join(fileAsFolder, 'x.db')]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Cannot write the database');
    expect(result.stderr).toContain('--db');
  });

  it('names the flag of an out-of-range body limit', () => {
    const result = runCli(['listen', '--body-limit', '0']);

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("option '--body-limit <size>' argument '0' is invalid");
    expect(result.stderr).toContain('from 1KiB to 1GiB');
  });

  it('rejects a bad port value', () => {
    const result = runCli(['listen', '--port', 'eighty']);

    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('"eighty" is not a port');
  });
});

describe('switchboard help', () => {
  it('describes every listen option with its default', () => {
    const result = runCli(['listen', '--help']);
    const help = result.stdout.replace(/\s+/g, ' ');

    expect(result.status).toBe(0);
    for (const option of ['--forward-to', '--port', '--host', '--db', '--timeout', '--type-timeout', '--body-limit', '--inspector-port', '--no-inspector']) {
      expect(help).toContain(option);
    }
    expect(help).toContain('(default: 4242)');
    expect(help).toContain('(default: "127.0.0.1")');
    expect(help).toContain('own (default: 20)');
    expect(help).toContain('(default: assistant-request=7)');
    expect(help).toContain('(default: 16MiB)');
    expect(help).toContain('(default: 4243)');
  });
});
