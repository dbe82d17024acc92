import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, startListen, type ListenProcess } from '../support/cli-process';
import { send } from '../support/http-client';
import { sampleBytes } from '../support/samples';
import { tempFolder } from '../support/temp-db';

const EXAMPLE = `{
  "rules": [
    { "name": "availability stub", "match": { "type": "tool-calls", "tool": "check_availability" },
      "mode": "always", "result": "A table for {{arguments.partySize}} is free on {{arguments.date}}." },
    { "name": "inbound assistant", "match": { "type": "assistant-request" },
      "mode": "fallback", "response": { "status": 200, "body": { "assistantId": "asst-demo-001" } } }
  ]
}`;

describe('switchboard mocks and listen --mocks', () => {
  let folder: ReturnType<typeof tempFolder>;
  let dbPath: string;
  let rulesPath: string;
  let listen: ListenProcess | undefined;

  beforeEach(() => {
    folder = tempFolder();
    dbPath = join(folder.folder, 'mocks.db');
    rulesPath = join(folder.folder, 'rules.json');
    writeFileSync(rulesPath, EXAMPLE);
  });

  afterEach(async () => {
    await listen?.stop();
    listen = undefined;
    folder.remove();
  });

  it('import, list and export round trip', () => {
    const imported = runCli(['mocks', 'import', rulesPath, '--db', dbPath]);
    const listed = runCli(['mocks', 'list', '--db', dbPath]);
    const exported = runCli(['mocks', 'export', '--db', dbPath]);

    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('2 added, 0 updated');
    expect(listed.stdout).toContain('availability stub  tool-calls for tool "check_availability"  always answers');
    expect(listed.stdout).toContain('inbound assistant  assistant-request  answers when the target fails');
    expect(JSON.parse(exported.stdout)).toEqual(JSON.parse(EXAMPLE));
  });

  it('list flags a rule that never answers', () => {
    const covered = { name: 'one assistant', match: { type: 'assistant-request', assistant: 'asst-1' }, mode: 'always', response: { status: 200 } };
    const file = JSON.parse(EXAMPLE) as { rules: unknown[] };
    writeFileSync(rulesPath, JSON.stringify({ rules: [...file.rules, covered] }));

    runCli(['mocks', 'import', rulesPath, '--db', dbPath]);
    const listed = runCli(['mocks', 'list', '--db', dbPath]);
    const records = JSON.parse(runCli(['mocks', 'list', '--json', '--db', dbPath]).stdout) as { shadowedBy: number | null }[];

    expect(listed.stdout).toContain('one assistant  assistant-request for assistant "asst-1"  never answers: rule 2 matches first; move this rule above it');
    expect(records.map((record) => record.shadowedBy)).toEqual([null, null, 2]);
  });

  it('import updates rules by name', () => {
    runCli(['mocks', 'import', rulesPath, '--db', dbPath]);

    const again = runCli(['mocks', 'import', rulesPath, '--db', dbPath]);
    const records = JSON.parse(runCli(['mocks', 'list', '--json', '--db', dbPath]).stdout) as { rule: { name: string } }[];

    expect(again.stdout).toContain('0 added, 2 updated');
    expect(records.map((record) => record.rule.name)).toEqual(['availability stub', 'inbound assistant']);
  });

  it('import reports the bad rule and field', () => {
    writeFileSync(rulesPath, JSON.stringify({ rules: [{ name: 'stub', match: { type: 'tool-calls' }, mode: 'sometimes', result: 'x' }] }));

    const result = runCli(['mocks', 'import', rulesPath, '--db', dbPath]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Invalid mock rules in ${rulesPath}`);
    expect(result.stderr).toContain('rule 0 ("stub"), field mode: use "always", "fallback" or "off"');
  });

  it('import of a missing file names it', () => {
    const result = runCli(['mocks', 'import', join(folder.folder, 'nope.json'), '--db', dbPath]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('nope.json does not exist');
  });

  it('list and export leave a mistyped database uncreated', () => {
    const absent = join(folder.folder, 'typo', 'absent.db');

    for (const args of [['mocks', 'list'], ['mocks', 'export']]) {
      const result = runCli([...args, '--db', absent]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`${absent}: the file does not exist`);
    }

    expect(existsSync(absent)).toBe(false);
  });

  it('dry run stores nothing', () => {
    const result = runCli(['mocks', 'import', rulesPath, '--dry-run', '--db', dbPath]);

    expect(result.stdout).toContain('is valid: 2 rules');
    expect(existsSync(dbPath)).toBe(false);
  });

  it('export keeps an existing file', () => {
    runCli(['mocks', 'import', rulesPath, '--db', dbPath]);
    const outPath = join(folder.folder, 'out.json');
    writeFileSync(outPath, 'mine');

    const rejected = runCli(['mocks', 'export', outPath, '--db', dbPath]);
    const forced = runCli(['mocks', 'export', outPath, '--force', '--db', dbPath]);

    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toContain('exists already. Pass --force');
    expect(forced.status).toBe(0);
    expect(JSON.parse(readFileSync(outPath, 'utf8'))).toEqual(JSON.parse(EXAMPLE));
  });

  it('listen --mocks answers and records the rule', async () => {
    listen = await startListen(['--port', '0', '--no-inspector', '--db', dbPath, '--mocks', rulesPath]);

    const toolReply = await send(`${listen.receiveUrl}/vapi`, { body: sampleBytes('tool-calls.json') });
    const assistantReply = await send(`${listen.receiveUrl}/vapi`, { body: sampleBytes('assistant-request.json') });
    await listen.waitForOutput(/assistant-request.*mocked by "inbound assistant"/);
    await listen.stop();
    listen = undefined;
    const listed = JSON.parse(runCli(['list', '--json', '--db', dbPath]).stdout) as { type: string; outcome: string; mockRule: string; checks: unknown[] }[];

    expect(JSON.parse(toolReply.body.toString()).results[0].result).toBe('A table for 4 is free on 2026-01-20.');
    expect(JSON.parse(toolReply.body.toString()).results[1].error).toContain('No target is set');
    expect(JSON.parse(assistantReply.body.toString())).toEqual({ assistantId: 'asst-demo-001' });
    expect(listed.map((exchange) => [exchange.type, exchange.outcome, exchange.mockRule])).toEqual([
      ['assistant-request', 'mocked', 'inbound assistant'],
      ['tool-calls', 'mocked', 'availability stub'],
    ]);
  });

  it('listen prints and lists reply checks', async () => {
    writeFileSync(rulesPath, JSON.stringify({ rules: [{ name: 'empty', match: { type: 'assistant-request' }, mode: 'always', response: { body: {} } }] }));
    listen = await startListen(['--port', '0', '--no-inspector', '--db', dbPath, '--mocks', rulesPath]);

    await send(`${listen.receiveUrl}/vapi`, { body: sampleBytes('assistant-request.json') });
    const printed = await listen.waitForOutput(/⚠ assistant_reply_unknown: .*/);
    await listen.stop();
    listen = undefined;
    const [exchange] = JSON.parse(runCli(['list', '--json', '--db', dbPath]).stdout) as { checks: { code: string; message: string }[] }[];

    expect(printed).toContain('none of the keys Vapi reads');
    expect(exchange?.checks.map((check) => check.code)).toEqual(['assistant_reply_unknown']);
    expect(exchange?.checks[0]?.message).toContain('Reply {"assistantId": "..."}');
  });

  it('listen --mocks rejects a bad file', async () => {
    writeFileSync(rulesPath, '{"rules": [{"name": "x"}]}');

    await expect(startListen(['--port', '0', '--no-inspector', '--db', dbPath, '--mocks', rulesPath])).rejects.toThrow(/field match: missing/);
  });

  it('listen reloads a changed file', async () => {
    listen = await startListen(['--port', '0', '--no-inspector', '--db', dbPath, '--mocks', rulesPath]);

    writeFileSync(rulesPath, EXAMPLE.replace('"always"', '"off"').replace('asst-demo-001', 'asst-changed-0002'));
    await listen.waitForOutput(/Mock rules reloaded from .*: 0 added, 2 updated/);
    writeFileSync(rulesPath, '{ broken');
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    expect(listen.errors()).toContain('is not valid JSON');
    expect(listen.errors()).toContain('The rules stored before the change stay in force.');
    const records = JSON.parse(runCli(['mocks', 'list', '--json', '--db', dbPath]).stdout) as { rule: { mode: string } }[];
    expect(records.map((record) => record.rule.mode)).toEqual(['off', 'fallback']);
  });
});
