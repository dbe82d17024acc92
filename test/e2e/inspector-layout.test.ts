import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot } from '../support/browser';
import { startInspector, type RunningInspector } from '../support/control-fixture';
import { send } from '../support/http-client';
import { sampleBytes } from '../support/samples';
import { startTarget, type TargetServer } from '../support/target-server';

/** How long a check waits for the page to catch up; two busy cores can make a render take seconds. */
const POLL = { timeout: 10_000 };

const SECRET = 'TopSecret123';
const BEARER = 'Bearer BearerTok-1';

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).first().boundingBox();
  if (box === null) throw new Error(`${selector} is not visible`);
  return box;
}

describe('inspector layout and secrets', () => {
  let target: TargetServer;
  let inspector: RunningInspector;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    target = await startTarget((_request, body, response) => {
      const reply = body.includes('"tool-calls"') ? sampleBytes('tool-calls.response.json') : Buffer.from('{}');
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(reply);
    });
    inspector = await startInspector({ targetUrl: `${target.url}/vapi/webhook` });
    await send(`${inspector.url}/vapi/webhook`, { body: sampleBytes('status-update.in-progress.json') });
    await send(`${inspector.url}/vapi/webhook`, {
      headers: ['Content-Type', 'application/json', 'X-Vapi-Secret', SECRET, 'Authorization', BEARER],
      body: sampleBytes('tool-calls.json'),
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(inspector.inspectorUrl);
    await page.locator('.row').nth(1).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await inspector?.stop();
    await target?.close();
  });

  /** Opens the received tool-calls exchange, not one of its replays. */
  async function openToolCalls(): Promise<void> {
    await page.getByRole('tab', { name: 'Exchanges' }).click();
    await page.locator('.row', { hasText: 'tool-calls', hasNot: page.getByTestId('replay-mark') }).first().locator('span').first().click();
    await page.getByTestId('response-body').waitFor();
  }

  it('puts request and response side by side at 1280', async () => {
    await openToolCalls();
    const request = await boxOf(page, '[data-testid="request"]');
    const response = await boxOf(page, '[data-testid="response"]');

    expect(response.y).toBe(request.y);
    expect(response.x).toBeGreaterThan(request.x + request.width - 1);
  });

  it('keeps the filters on one row under the search', async () => {
    const bar = await boxOf(page, '.filterbar');
    const search = await boxOf(page, '.search');
    const clear = await boxOf(page, '.filterbar > :last-child');

    expect(bar.height).toBeLessThan(search.height * 3);
    expect(clear.y).toBeGreaterThan(search.y);
  });

  it('masks credential headers until revealed', async () => {
    const request = page.getByTestId('request');

    expect(await request.textContent()).not.toContain(SECRET);
    expect(await request.textContent()).not.toContain('BearerTok-1');
    expect(await request.textContent()).toContain('••••••• (12 chars)');
    expect(await request.textContent()).toContain(`••••••• (${BEARER.length} chars)`);

    await request.getByRole('button', { name: 'Reveal X-Vapi-Secret' }).click();

    expect(await request.textContent()).toContain(SECRET);
    expect(await request.textContent()).not.toContain('BearerTok-1');

    await request.getByRole('button', { name: 'Hide X-Vapi-Secret' }).click();

    expect(await request.textContent()).not.toContain(SECRET);
  });

  it('replays the real secret while masking it', async () => {
    await page.getByRole('button', { name: 'Edit & replay' }).click();
    const headers = page.getByTestId('replay-headers');
    await headers.waitFor();

    expect(await headers.getByTestId('replay-secret').allTextContents()).toEqual(['••••••• (12 chars)', `••••••• (${BEARER.length} chars)`]);
    expect(await headers.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).not.toContain(SECRET);

    const before = target.received.length;
    await page.getByTestId('replay-send').click();
    await page.getByTestId('compare-view').waitFor();
    await expect.poll(() => target.received.length, POLL).toBe(before + 1);
    const sent = target.received[before]?.rawHeaders ?? [];

    expect(sent[sent.indexOf('X-Vapi-Secret') + 1]).toBe(SECRET);
    expect(sent[sent.indexOf('Authorization') + 1]).toBe(BEARER);
    await page.keyboard.press('Escape');
  });

  it('shows the replay toast above the compare view', async () => {
    await openToolCalls();
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await page.getByTestId('compare-view').waitFor();
    const toast = page.locator('.toast');
    await toast.waitFor();
    const box = await boxOf(page, '.toast');
    const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('.toast') !== null, { x: box.x + box.width / 2, y: box.y + box.height / 2 });

    expect(onTop).toBe(true);
    await saveScreenshot(page, 'fixes-replay-toast-light-1280x800');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('compare-view').count(), POLL).toBe(0);
  });

  it('fits the list and detail at 1024', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await openToolCalls();
    const bar = await boxOf(page, '.filterbar');
    const search = await boxOf(page, '.search');
    const duration = await boxOf(page, '.list-header > :nth-child(6)');
    const list = await boxOf(page, '[data-testid="exchange-list"]');
    const replay = await boxOf(page, '[data-testid="replay-actions"] button');
    const mock = await boxOf(page, '[data-testid="mock-from-exchange"]');
    const version = await boxOf(page, '[data-testid="status-bar"] > :last-child');

    expect(bar.height).toBeLessThan(search.height * 3);
    expect(await page.locator('.filterbar [data-testid="pause"]').textContent()).toBe('❙❙ Pause');
    expect(duration.x + duration.width).toBeLessThanOrEqual(list.x + list.width);
    expect(mock.y).toBe(replay.y);
    expect(version.x + version.width).toBeLessThanOrEqual(1024);
  });

  it('fits the call replay timing at 1024', async () => {
    await page.locator('[data-call-id]').first().click();
    await page.getByRole('tab', { name: 'Calls' }).click();
    const select = await boxOf(page, '[aria-label="Replay timing"]');
    const column = await boxOf(page, '[data-testid="call-replay"]');

    expect(select.x + select.width).toBeLessThanOrEqual(column.x + column.width + 1);
  });

  it('summarizes invalid settings at the Save button', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Receive port').fill('abc');
    await page.getByLabel('Keep days').fill('-1');
    await page.getByRole('button', { name: 'Save and apply' }).click();
    const status = page.getByTestId('settings-status');

    await expect.poll(() => status.textContent(), POLL).toBe('Not saved: 2 fields need a fix (Receive port, Keep days). Nothing was changed.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('setting-port');
    const statusBox = await boxOf(page, '[data-testid="settings-status"]');
    const portBox = await boxOf(page, '#setting-port');

    expect(statusBox.y + statusBox.height).toBeLessThanOrEqual(768);
    expect(portBox.y).toBeGreaterThanOrEqual(0);
    await saveScreenshot(page, 'fixes-settings-errors-light-1024x768');

    await page.getByLabel('Receive port').fill('0');
    await page.getByLabel('Keep days').fill('');
    await page.getByRole('button', { name: 'Save and apply' }).click();

    await expect.poll(() => status.textContent(), POLL).toBe('Saved and applied. The next request uses the new settings.');
  });

  it('ellipsizes a long target error', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    const closed = await startTarget(() => undefined);
    const closedUrl = `${closed.url}/${'very-long-path/'.repeat(20)}webhook`;
    await closed.close();
    await inspector.engine.updateSettings({ targetUrl: closedUrl });
    await page.getByRole('tab', { name: 'Exchanges' }).click();
    const health = page.getByTestId('target-status').locator('.health-bad');

    await expect.poll(() => health.count(), POLL).toBe(1);
    // The health mark and the new runtime arrive in separate pushes, so the layout may still move.
    const rightEdge = async (): Promise<number> => {
      const version = await boxOf(page, '[data-testid="status-bar"] > :last-child');
      return version.x + version.width;
    };

    await expect.poll(rightEdge, POLL).toBeLessThanOrEqual(1024);
    expect(await health.getAttribute('title')).toMatch(/^not answering: /);
    await inspector.engine.updateSettings({ targetUrl: `${target.url}/vapi/webhook` });
  });

  it('captures the fixed views', { timeout: 120_000 }, async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }]) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize(size);
        await openToolCalls();
        await saveScreenshot(page, `fixes-detail-${scheme}-${size.width}x${size.height}`);

        await page.locator('[data-call-id]').first().click();
        await page.getByRole('tab', { name: 'Calls' }).click();
        await page.getByTestId('call-replay').waitFor();
        await saveScreenshot(page, `fixes-calls-${scheme}-${size.width}x${size.height}`);
        await page.getByRole('button', { name: 'All exchanges' }).click();
      }
    }
  });
});
