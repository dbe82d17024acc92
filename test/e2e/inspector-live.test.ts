import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulationStarted } from '../../src-main/contract/inspector';
import { ControlServer } from '../../src-main/control/control-server';
import { launchBrowser, saveScreenshot } from '../support/browser';
import { RENDERER_DIR, startInspector, type RunningInspector } from '../support/control-fixture';
import { send } from '../support/http-client';
import { startTarget, type TargetServer } from '../support/target-server';

/** Starts a target that books tables: it replies to each tool call by id and to everything else with `{}`. */
function startBookingTarget(): Promise<TargetServer> {
  return startTarget((_request, body, response) => {
    const text = body.toString();
    const toolCallId = /"id":"(call_[^"]+)"/.exec(text)?.[1];

    if (text.includes('"tool-calls"') && toolCallId !== undefined) {
      const result = toolCallId.includes('availability') ? 'Free tomorrow at 19:00 and 20:30' : 'Booked: table for 2 at 19:00, confirmation B-1042';
      const name = toolCallId.includes('availability') ? 'check_availability' : 'book_table';
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ results: [{ name, toolCallId, result }] }));
      return;
    }

    response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  });
}

/** How long a check waits for the page to catch up; two busy cores can make a render take seconds. */
const POLL = { timeout: 10_000 };

describe('inspector following a simulated call', () => {
  let target: TargetServer;
  let inspector: RunningInspector;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    target = await startBookingTarget();
    inspector = await startInspector({ targetUrl: `${target.url}/vapi/webhook` });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(inspector.inspectorUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await inspector?.stop();
    await target?.close();
  });

  it('starts a call from the empty state', async () => {
    await page.getByTestId('simulate-call').click();

    await expect.poll(() => page.locator('.toast').textContent(), POLL).toMatch(/^Simulating call \w+: \d+ events over about 19 s$/);
    await page.locator('.row').first().waitFor();

    expect(await page.locator('.row .badge').first().textContent()).toBe('assistant-request');
  });

  it('holds new rows while paused', async () => {
    await page.getByTestId('pause').click();
    const before = await page.locator('.row').count();
    await send(`${inspector.url}/vapi/webhook`, { body: '{"message":{"type":"hang","call":{"id":"paused-call"}}}' });

    await page.getByTestId('new-rows-pill').waitFor();

    expect(await page.getByTestId('new-rows-pill').textContent()).toMatch(/^Paused · \d+ new$/);
    expect(await page.locator('.row').count()).toBeLessThanOrEqual(before + 1);

    await page.getByTestId('pause').click();

    await expect.poll(() => page.getByTestId('new-rows-pill').count(), POLL).toBe(0);
  });

  it('captures the views in both themes and sizes', { timeout: 120_000 }, async () => {
    const { body: reply } = await inspector.api<SimulationStarted>('/api/simulate-call', { method: 'POST', body: { speed: 4 } });
    await expect.poll(() => page.locator('.row', { hasText: 'book_table' }).count(), POLL).toBeGreaterThan(0);

    for (const scheme of ['light', 'dark'] as const) {
      for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize(size);
        await page.getByRole('tab', { name: 'Exchanges' }).click();
        await page.locator('.row', { hasText: 'book_table' }).first().locator('span').first().click();
        await page.getByTestId('response-body').waitFor();
        await saveScreenshot(page, `exchanges-${scheme}-${size.width}x${size.height}`);

        await page.keyboard.press('Escape');
        await page.locator(`[data-call-id="${reply.value.callId}"]`).click();
        await page.getByRole('tab', { name: 'Calls' }).click();
        await page.getByTestId('conversation').waitFor();
        await saveScreenshot(page, `call-${scheme}-${size.width}x${size.height}`);
        await page.getByRole('button', { name: 'All exchanges' }).click();
      }
    }

    await expect.poll(async () => (await inspector.api<{ status: string }>(`/api/calls/${reply.value.callId}`)).body.value.status, { timeout: 15_000 }).toBe('ended');
    await page.locator(`[data-call-id="${reply.value.callId}"]`).click();
    await page.getByTestId('call-report').waitFor();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 800 });
    await saveScreenshot(page, 'call-ended-light-1280x800');

    expect(await page.getByTestId('cost-bar').textContent()).toContain('total $0.0458');
  });

  it('applies settings without a restart', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByLabel('Forward timeout (s)').fill('0');
    await page.getByRole('button', { name: 'Save and apply' }).click();

    expect(await page.locator('#setting-timeoutSeconds-note').textContent()).toContain('greater than 0');

    await page.getByLabel('Forward timeout (s)').fill('12.5');
    await page.getByLabel('Target URL').fill('ftp://example');
    await page.getByRole('button', { name: 'Save and apply' }).click();

    expect(await page.locator('#setting-targetUrl-note').textContent()).toContain('not an http or https URL');

    await page.getByLabel('Target URL').fill(`${target.url}/other`);
    await page.getByRole('button', { name: 'Save and apply' }).click();
    await page.getByTestId('settings-status').waitFor();

    expect(inspector.engine.settings.timeoutMs).toBe(12_500);
    expect(inspector.engine.settings.targetUrl).toBe(`${target.url}/other`);
    await expect.poll(() => page.getByTestId('receive-line').textContent(), POLL).toContain(`${target.url}/other`);
  });

  it('shows a target that stops answering', async () => {
    await target.close();
    await send(`${inspector.url}/vapi/webhook`, { body: '{"message":{"type":"hang","call":{"id":"after-target-stopped"}}}' });

    await expect.poll(() => page.getByTestId('status-bar').textContent(), POLL).toContain('not answering');
  });
});

describe('inspector when the core restarts', () => {
  let inspector: RunningInspector;
  let browser: Browser;

  beforeAll(async () => {
    inspector = await startInspector();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await inspector?.stop();
  });

  it('reconnects by itself', async () => {
    const page = await browser.newPage();
    await page.goto(inspector.inspectorUrl);
    await page.getByTestId('empty-state').waitFor();
    const port = inspector.control.port;
    const token = inspector.control.token;

    await inspector.control.stop();
    await page.getByTestId('connection-banner').waitFor();

    const restarted = new ControlServer({ engine: inspector.engine, port, staticDir: RENDERER_DIR, version: 'test', token });
    await restarted.start();
    await send(`${inspector.url}/vapi/webhook`, { body: '{"message":{"type":"hang","call":{"id":"after-restart"}}}' });

    await page.getByTestId('connection-banner').waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('.row', { hasText: 'hang' }).waitFor();

    expect(await page.locator('.row').count()).toBe(1);
    await restarted.stop();
    await page.close();
  });
});
