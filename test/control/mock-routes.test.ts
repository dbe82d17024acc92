import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { PushBatch } from '../../src-main/contract/api';
import type { MockRule, MockRuleExample, MockRuleProblem, MockRuleRecord } from '../../src-main/contract/mocks';
import { openDatabase } from '../../src-main/recorder/open-database';
import { startInspector, type RunningInspector } from '../support/control-fixture';
import { send } from '../support/http-client';
import { sampleBytes } from '../support/samples';
import { replyJson, startTarget, type TargetServer } from '../support/target-server';

const stub: MockRule = { name: 'stub', match: { type: 'tool-calls', tool: 'check_availability' }, mode: 'always', result: 'ok' };

describe('mock routes', () => {
  let inspector: RunningInspector;
  let target: TargetServer;

  beforeEach(async () => {
    target = await startTarget(replyJson({ assistantId: 'recorded-assistant' }));
    inspector = await startInspector({ targetUrl: target.url });
  });

  afterEach(async () => {
    await inspector.stop();
    await target.close();
  });

  it('creates, lists, edits and deletes', async () => {
    const created = await inspector.api<MockRuleRecord>('/api/mocks', { method: 'POST', body: { rule: stub } });
    const id = created.body.value.id;
    const edited = await inspector.api<MockRuleRecord>(`/api/mocks/${id}`, { method: 'PUT', body: { rule: { ...stub, result: 'changed' } } });
    const listed = await inspector.api<MockRuleRecord[]>('/api/mocks');
    const deleted = await inspector.api(`/api/mocks/${id}`, { method: 'DELETE' });

    expect(created.status).toBe(200);
    expect(created.body.value.description).toBe('tool-calls for tool "check_availability"');
    expect(edited.body.value.rule.result).toBe('changed');
    expect(listed.body.value.map((record) => record.rule.name)).toEqual(['stub']);
    expect(deleted.body.value).toEqual({ deleted: id });
    expect((await inspector.api<MockRuleRecord[]>('/api/mocks')).body.value).toEqual([]);
  });

  it('rejects an invalid rule with the field', async () => {
    const response = await inspector.api('/api/mocks', { method: 'POST', body: { rule: { ...stub, mode: 'never' } } });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_mock_rule');
    expect(response.body.error.message).toContain('field mode: use "always", "fallback" or "off"');
  });

  it('validates without storing', async () => {
    const bad = await inspector.api<{ problems: MockRuleProblem[]; description: string | null }>('/api/mocks/validate', { method: 'POST', body: { rule: { ...stub, match: {} } } });
    const good = await inspector.api<{ problems: MockRuleProblem[]; description: string | null }>('/api/mocks/validate', { method: 'POST', body: { rule: stub } });

    expect(bad.body.value.problems.map((problem) => problem.field)).toEqual(['match.type']);
    expect(good.body.value).toEqual({ problems: [], description: 'tool-calls for tool "check_availability"', shadowedBy: null });
  });

  it('reports a rule an earlier rule covers', async () => {
    const broad: MockRule = { name: 'every tool', match: { type: 'tool-calls' }, mode: 'fallback', result: 'broad' };
    await inspector.api('/api/mocks', { method: 'POST', body: { rule: broad } });
    const narrow = (await inspector.api<MockRuleRecord>('/api/mocks', { method: 'POST', body: { rule: stub } })).body.value;
    const draft = await inspector.api<{ shadowedBy: number | null }>('/api/mocks/validate', { method: 'POST', body: { rule: { ...stub, name: 'draft' } } });
    const listed = (await inspector.api<MockRuleRecord[]>('/api/mocks')).body.value;

    expect(narrow.shadowedBy).toBe(1);
    expect(listed.map((record) => record.shadowedBy)).toEqual([null, 1]);
    expect(draft.body.value.shadowedBy).toBe(1);

    await inspector.api(`/api/mocks/${narrow.id}`, { method: 'PATCH', body: { position: 0 } });
    const edited = await inspector.api<{ shadowedBy: number | null }>('/api/mocks/validate', { method: 'POST', body: { rule: stub, id: narrow.id } });
    const reordered = (await inspector.api<MockRuleRecord[]>('/api/mocks')).body.value;

    expect(edited.body.value.shadowedBy).toBeNull();
    expect(reordered.map((record) => record.shadowedBy)).toEqual([null, null]);
  });

  it('switches off and reorders', async () => {
    const first = (await inspector.api<MockRuleRecord>('/api/mocks', { method: 'POST', body: { rule: stub } })).body.value;
    await inspector.api('/api/mocks', { method: 'POST', body: { rule: { ...stub, name: 'second' } } });

    const off = await inspector.api<MockRuleRecord>(`/api/mocks/${first.id}`, { method: 'PATCH', body: { enabled: false } });
    const moved = await inspector.api<MockRuleRecord>(`/api/mocks/${first.id}`, { method: 'PATCH', body: { position: 1 } });
    const badPosition = await inspector.api(`/api/mocks/${first.id}`, { method: 'PATCH', body: { position: -1 } });

    expect(off.body.value.rule.mode).toBe('off');
    expect(moved.body.value.position).toBe(1);
    expect(badPosition.status).toBe(400);
  });

  it('answers 503 while another writer holds the lock', async () => {
    const other = openDatabase(inspector.dbPath);
    other.exec('BEGIN IMMEDIATE');

    try {
      const response = await inspector.api('/api/mocks', { method: 'POST', body: { rule: stub } });

      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe('database_busy');
      expect(response.body.error.message).toContain('nothing was changed');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }

    expect((await inspector.api<MockRuleRecord[]>('/api/mocks')).body.value).toEqual([]);
  });

  it('answers 404 for an unknown rule', async () => {
    const response = await inspector.api('/api/mocks/987654', { method: 'PATCH', body: { enabled: false } });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('mock_rule_not_found');
  });

  it('imports and exports files', async () => {
    const imported = await inspector.api('/api/mocks/import', { method: 'POST', body: { file: { rules: [stub] }, replace: true } });
    const exported = await inspector.api('/api/mocks/export');
    const badFile = await inspector.api('/api/mocks/import', { method: 'POST', body: { file: { rules: [{ name: 'x' }] } } });

    expect(imported.body.value).toEqual({ added: 1, updated: 0, removed: 0 });
    expect(exported.body.value).toEqual({ rules: [stub] });
    expect(badFile.body.error.message).toContain('rule 0 ("x"), field match');
  });

  it('offers valid examples', async () => {
    const examples = (await inspector.api<MockRuleExample[]>('/api/mocks/examples')).body.value;

    for (const example of examples) {
      const validated = await inspector.api<{ problems: MockRuleProblem[] }>('/api/mocks/validate', { method: 'POST', body: { rule: example.rule } });
      expect(validated.body.value.problems, example.title).toEqual([]);
    }

    expect(examples.filter((example) => example.rule.match.type === 'assistant-request')).toHaveLength(6);
    expect(new Set(examples.map((example) => example.rule.name)).size).toBe(examples.length);
    expect(examples.map((example) => example.rule.name)).not.toContain('inbound assistant');
  });

  it('drafts a rule from an exchange', async () => {
    await send(inspector.url, { body: sampleBytes('assistant-request.json') });
    await inspector.finished(1);
    const [exchange] = inspector.engine.store.list();

    const draft = await inspector.api<{ rule: MockRule; tools: string[] }>(`/api/mocks/draft-from-exchange/${exchange?.id}`, { method: 'POST' });

    expect(draft.body.value.rule).toEqual({
      name: `assistant-request from exchange ${exchange?.id}`,
      match: { type: 'assistant-request' },
      mode: 'always',
      response: { status: 200, body: { assistantId: 'recorded-assistant' } },
    });
  });

  it('drafts a tool rule from its result', async () => {
    await target.close();
    target = await startTarget(replyJson(JSON.parse(sampleBytes('tool-calls.response.json').toString())));
    await inspector.engine.updateSettings({ targetUrl: target.url });
    await send(inspector.url, { body: sampleBytes('tool-calls.json') });
    await inspector.finished(1);
    const [exchange] = inspector.engine.store.list();

    const draft = await inspector.api<{ rule: MockRule; tools: string[] }>(`/api/mocks/draft-from-exchange/${exchange?.id}?tool=lookup_customer`, { method: 'POST' });
    const unknown = await inspector.api(`/api/mocks/draft-from-exchange/${exchange?.id}?tool=nope`, { method: 'POST' });

    expect(draft.body.value.tools).toEqual(['check_availability', 'lookup_customer']);
    expect(draft.body.value.rule.match).toEqual({ type: 'tool-calls', tool: 'lookup_customer' });
    expect(draft.body.value.rule.result).toBe('Found customer: Sam Example, 3 prior visits');
    expect(unknown.body.error.message).toContain('its tools are check_availability, lookup_customer');
  });

  it('pushes rule changes', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${inspector.control.port}/api/events?token=${inspector.control.token}`, { headers: { Origin: inspector.origin } });
    const pushed = new Promise<PushBatch>((resolve) => {
      socket.on('message', (data) => {
        const batch = JSON.parse(String(data)) as PushBatch;

        if (batch.events.some((event) => event.kind === 'mock-rules-changed')) {
          resolve(batch);
        }
      });
    });
    await new Promise((resolve) => socket.once('open', resolve));

    await inspector.api('/api/mocks', { method: 'POST', body: { rule: stub } });
    const batch = await pushed;
    socket.close();

    const event = batch.events.find((item) => item.kind === 'mock-rules-changed');
    expect(event?.kind === 'mock-rules-changed' ? event.rules.map((record) => record.rule.name) : null).toEqual(['stub']);
  });
});
