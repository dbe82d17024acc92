import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockRule } from '../../src-main/contract/mocks';
import { launchBrowser, saveScreenshot } from '../support/browser';
import { startInspector, type RunningInspector } from '../support/control-fixture';
import { send } from '../support/http-client';
import { sampleBytes } from '../support/samples';

const RULE: MockRule = {
  name: 'assistant from the UI',
  match: { type: 'assistant-request' },
  mode: 'always',
  response: { status: 200, body: { assistantId: 'asst-from-ui', assistantOverrides: { variableValues: { caller: '{{customer.number}}' } } } },
};

describe('mocks page', () => {
  let inspector: RunningInspector;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    inspector = await startInspector({ targetUrl: null });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(inspector.inspectorUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await inspector?.stop();
  });

  it('creates an assistant-request rule', async () => {
    await page.getByRole('tab', { name: 'Mocks' }).click();
    await page.getByTestId('new-rule').selectOption({ label: 'assistant-request: assistantId with overrides' });
    await page.getByTestId('mock-rule-valid').waitFor();

    await page.locator('[data-testid="mock-rule-code"] .cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify(RULE, null, 2));
    await expect.poll(() => page.getByTestId('mock-rule-valid').textContent()).toBe('✓ Matches assistant-request');
    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.getByTestId('mock-rule').first().waitFor();

    expect(await page.getByTestId('mock-rule-match').first().textContent()).toBe('assistant-request · always answers');
    expect(inspector.engine.mockRules.list().map((record) => record.rule)).toEqual([RULE]);
  });

  it('answers and records a sample request', async () => {
    const response = await send(`${inspector.url}/vapi/webhook`, { body: sampleBytes('assistant-request.json') });
    await inspector.finished(1);

    expect(response.status).toBe(200);
    expect(JSON.parse(response.body.toString())).toEqual({ assistantId: 'asst-from-ui', assistantOverrides: { variableValues: { caller: '+15555550123' } } });

    await page.getByRole('tab', { name: 'Exchanges' }).click();
    await page.locator('.row .badge').first().click();
    const detail = page.getByTestId('detail-pane');
    await detail.getByText('answered by mock rule “assistant from the UI”').waitFor();
    await detail.getByText('asst-from-ui').first().waitFor();
    await saveScreenshot(page, 'mocked-exchange');

    const [exchange] = inspector.engine.store.list();
    expect(exchange?.outcome).toBe('mocked');
    expect(exchange?.mockRule).toBe('assistant from the UI');
    expect(exchange?.checks).toEqual([]);
  });

  it('drafts a rule from the exchange', async () => {
    await page.getByTestId('mock-from-exchange').click();
    await page.getByTestId('mock-editor').waitFor();
    await page.getByTestId('mock-rule-valid').waitFor();

    const code = await page.locator('[data-testid="mock-rule-code"] .cm-content').textContent();
    expect(code).toContain('assistant-request from exchange');
    expect(code).toContain('asst-from-ui');
    await saveScreenshot(page, 'mocks-page-editor');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('warns about a rule an earlier rule covers', async () => {
    await page.getByRole('tab', { name: 'Mocks' }).click();
    await page.getByTestId('new-rule').selectOption({ label: 'assistant-request: assistantId with overrides' });
    const warning = page.getByTestId('mock-rule-shadowed-warning');
    await warning.waitFor();

    expect(await warning.textContent()).toContain('rule 1 matches every request it matches');

    await page.getByRole('button', { name: 'Save rule' }).click();
    const listed = page.getByTestId('mock-rule-shadowed');
    await listed.waitFor();

    expect(await listed.textContent()).toBe('never answers: rule 1 matches first (move it up)');
    expect(inspector.engine.mockRules.list().map((record) => record.shadowedBy)).toEqual([null, 1]);

    const shadowed = inspector.engine.mockRules.list()[1];
    if (shadowed !== undefined) inspector.engine.mockRules.remove(shadowed.id);
    await page.getByTestId('mock-rule-shadowed').waitFor({ state: 'detached' });
  });

  it('switches a rule off with one click', async () => {
    await page.getByRole('switch', { name: 'Switch off assistant from the UI' }).click();
    await page.getByRole('switch', { name: 'Switch on assistant from the UI' }).waitFor();

    expect(inspector.engine.mockRules.list()[0]?.rule.mode).toBe('off');
    const response = await send(`${inspector.url}/vapi/webhook`, { body: sampleBytes('assistant-request.json') });
    expect(response.status).toBe(502);
  });
});
