import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlServer } from '../../src-main/control/control-server';
import { launchBrowser, saveScreenshot } from '../support/browser';
import { runCli } from '../support/cli-process';
import { RENDERER_DIR, startInspector, type RunningInspector } from '../support/control-fixture';
import { send } from '../support/http-client';
import { startTarget, type TargetServer } from '../support/target-server';

/** How long a check waits for the page to catch up; the status ticker pushes every 5 s. */
const POLL = { timeout: 15_000 };

function event(callId: string): string {
  return JSON.stringify({ message: { type: 'status-update', status: 'in-progress', call: { id: callId } } });
}

describe('inspector across restarts and deletions', () => {
  let target: TargetServer;
  let inspector: RunningInspector;
  let control: ControlServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    target = await startTarget((_request, _body, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'));
    inspector = await startInspector({ targetUrl: `${target.url}/vapi/webhook` });
    control = inspector.control;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await browser?.close();
    if (control !== inspector?.control) await control?.stop();
    await inspector?.stop();
    await target?.close();
  });

  /** Stops the control server, as a stopped `listen` does. */
  async function stopControl(): Promise<void> {
    await control.stop();
  }

  /** Starts a control server on the same port, as a restarted `listen` does; without `token` it makes a new one. */
  async function startControl(port: number, token?: string): Promise<void> {
    control = new ControlServer({ engine: inspector.engine, port, staticDir: RENDERER_DIR, version: 'test', ...(token === undefined ? {} : { token }) });
    await control.start();
  }

  it('probes a stopped target when a page connects', async () => {
    const other = await browser.newPage();
    await other.goto(inspector.inspectorUrl);
    await expect.poll(() => other.getByTestId('target-status').textContent(), POLL).toBe('target answers ✓');
    await other.close();

    await target.close();

    const seen: string[] = [];
    await page.exposeFunction('recordTargetStatus', (text: string) => seen.push(text));
    await page.addInitScript(() => {
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="target-status"]')?.textContent;
        if (text) (window as unknown as { recordTargetStatus(text: string): void }).recordTargetStatus(text);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.goto(inspector.inspectorUrl);

    await expect.poll(() => page.getByTestId('target-status').textContent(), POLL).toMatch(/^target not answering/);
    expect(seen).not.toContain('target answers ✓');
  });

  it('reconnects by itself to the same core', async () => {
    target = await startTarget((_request, _body, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'), '127.0.0.1');
    await inspector.engine.updateSettings({ targetUrl: `${target.url}/vapi/webhook` });
    const { port, token } = control;
    await stopControl();

    await page.getByTestId('connection-banner').waitFor();
    expect(await page.getByTestId('target-status').textContent()).toBe('target unknown');
    const banner = await page.getByTestId('connection-banner').boundingBox();
    const search = await page.locator('.search').boundingBox();
    expect((banner?.y ?? 0) + (banner?.height ?? 0)).toBeLessThanOrEqual(search?.y ?? 0);
    await saveScreenshot(page, 'fixes-core-unreachable-light-1280x800');
    const simulate = page.getByTestId('simulate-call');
    expect(await simulate.isDisabled()).toBe(true);
    expect(await simulate.getAttribute('title')).toContain('The Switchboard core is not connected');

    await startControl(port, token);

    await expect.poll(() => page.getByTestId('connection-banner').count(), POLL).toBe(0);
    await expect.poll(() => simulate.isDisabled(), POLL).toBe(false);
    await expect.poll(() => page.getByTestId('target-status').textContent(), POLL).toBe('target answers ✓');
  });

  it('stops retrying once the token is rejected', async () => {
    const port = control.port;
    await stopControl();
    await startControl(port);
    const banner = page.getByTestId('connection-banner');

    await expect.poll(() => banner.textContent(), POLL).toContain('Switchboard was restarted.');
    expect(await banner.textContent()).toContain('Inspector:');
    expect(await banner.textContent()).not.toContain('Retrying');

    let attempts = 0;
    page.on('websocket', () => (attempts += 1));
    await page.waitForTimeout(3_500);

    expect(attempts).toBe(0);
    expect(await page.getByTestId('target-status').textContent()).toBe('target unknown');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await saveScreenshot(page, `fixes-token-rejected-${scheme}-1280x800`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('reloads the list after a clear', async () => {
    await page.goto(control.url);
    for (const callId of ['a', 'b', 'c']) await send(`${inspector.url}/vapi/webhook`, { body: event(callId) });
    await expect.poll(() => page.locator('.row').count(), POLL).toBe(3);

    await inspector.engine.clearHistory();

    await expect.poll(() => page.locator('.row').count(), POLL).toBe(0);
  });

  /** Loads the inspector afresh, records events of `callIds` and opens the Settings page. */
  async function openSettingsWithHistory(callIds: string[]): Promise<void> {
    await page.goto(control.url);
    for (const callId of callIds) await send(`${inspector.url}/vapi/webhook`, { body: event(callId) });
    await expect.poll(() => page.locator('.row').count(), POLL).toBeGreaterThan(0);
    await page.getByRole('tab', { name: 'Settings' }).click();
  }

  it('clears the history from Settings', async () => {
    await openSettingsWithHistory(['s1', 's2']);

    await page.getByRole('button', { name: 'Clear history…' }).click();
    await saveScreenshot(page, 'settings-clear-history-confirm');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(inspector.engine.store.count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Clear history…' }).click();
    await page.getByRole('button', { name: 'Delete history' }).click();
    const status = page.getByTestId('clear-history').getByRole('status');
    await status.waitFor();

    expect(await status.textContent()).toMatch(/^Deleted \d+ exchanges? and \d+ calls?\.$/);
    expect(inspector.engine.store.count()).toBe(0);
    await page.getByRole('tab', { name: 'Exchanges' }).click();
    await expect.poll(() => page.locator('.row').count(), POLL).toBe(0);
  });

  it('keeps a clear\'s result across pages', async () => {
    await openSettingsWithHistory(['p1', 'p2']);

    await page.getByRole('button', { name: 'Clear history…' }).click();
    await page.getByRole('button', { name: 'Delete history' }).click();
    await page.getByRole('tab', { name: 'Exchanges' }).click();
    await page.getByRole('tab', { name: 'Settings' }).click();
    const status = page.getByTestId('clear-history').getByRole('status');
    await status.waitFor(POLL);

    expect(await status.textContent()).toMatch(/^Deleted \d+ exchanges? and \d+ calls?\.$/);
    await page.getByRole('tab', { name: 'Exchanges' }).click();
    await expect.poll(() => page.locator('.row').count(), POLL).toBe(0);
  });

  it('reloads the list after a clear elsewhere', async () => {
    for (const callId of ['d', 'e', 'f']) await send(`${inspector.url}/vapi/webhook`, { body: event(callId) });
    await expect.poll(() => page.locator('.row').count(), POLL).toBe(3);
    await page.locator('.row').first().locator('span').first().click();
    await page.getByTestId('request').waitFor();

    const cleared = runCli(['clear', '--db', inspector.dbPath, '--yes']);
    expect(cleared.status, cleared.stderr).toBe(0);
    await send(`${inspector.url}/vapi/webhook`, { body: event('g') });

    await expect.poll(() => page.locator('.row').count(), POLL).toBe(1);
    expect(await page.locator('.row').first().getAttribute('data-id')).toBe('1');
    expect(await page.locator('.row').first().textContent()).toContain('g');
    expect(await page.getByTestId('detail-pane').count()).toBe(0);
  });
});
