import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot } from '../support/browser';
import { startInspector, type RunningInspector } from '../support/control-fixture';
import { send } from '../support/http-client';
import { vapiEvent } from '../support/replay-fixture';
import { sampleBytes } from '../support/samples';
import { startTarget, type TargetServer } from '../support/target-server';

const ORIGINAL_SUMMARY = 'Caller booked a table for four next Tuesday at 19:30; returning customer identified by phone.';
const EDITED_SUMMARY = 'Caller cancelled the booking.';
const REPORT_CALL_ID = '7d2e4f1a-93b6-4c85-a0de-5b1f6c8e2a47';

/** Starts a target that echoes the report's summary back, so an edit shows in the reply. */
function startEchoTarget(): Promise<TargetServer> {
  return startTarget((_request, body, response) => {
    let summary: unknown = null;

    try {
      summary = (JSON.parse(body.toString()) as { message: { analysis?: { summary?: unknown } } }).message.analysis?.summary ?? null;
    } catch {
      summary = 'not JSON';
    }

    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ok: true, summary }));
  });
}

describe('replay in the inspector', () => {
  let target: TargetServer;
  let inspector: RunningInspector;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    target = await startEchoTarget();
    inspector = await startInspector({ targetUrl: `${target.url}/vapi/webhook` });
    await send(`${inspector.url}/vapi/webhook`, { body: sampleBytes('status-update.in-progress.json') });
    await send(`${inspector.url}/vapi/webhook`, { body: sampleBytes('end-of-call-report.json') });
    await send(`${inspector.url}/vapi/webhook`, {
      body: vapiEvent('tool-calls', 'call-signed'),
      headers: ['Content-Type', 'application/json', 'x-signature', 'abc123', 'x-timestamp', '1768498297300'],
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(inspector.inspectorUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await inspector?.stop();
    await target?.close();
  });

  /** Opens the recorded exchange of a type, not one of its replays. */
  async function openExchange(type: string): Promise<void> {
    await page.getByRole('tab', { name: 'Exchanges' }).click();
    const row = page.locator('.row', { has: page.locator('.badge', { hasText: type }), hasNot: page.getByTestId('replay-mark') }).first();
    // The time cell, because a click on the call id copies it instead of opening the row.
    await row.locator('span').first().click();
    await page.getByTestId('replay-actions').waitFor();
  }

  async function openEditor(): Promise<void> {
    await page.getByRole('button', { name: 'Edit & replay' }).click();
    await page.getByTestId('replay-body-editor').locator('.cm-content').waitFor();
  }

  it('edits the summary, replays it and compares both replies', async () => {
    await openExchange('end-of-call-report');
    await openEditor();

    await page.getByTestId('replay-body-editor').locator('.cm-content').click();
    await page.keyboard.press('Control+f');
    await page.locator('.cm-search input[name=search]').fill(ORIGINAL_SUMMARY);
    await page.locator('.cm-search input[name=replace]').fill(EDITED_SUMMARY);
    await page.locator('.cm-search button[name=replaceAll]').click();
    await expect.poll(() => page.getByTestId('replay-json-status').textContent()).toBe('Valid JSON.');
    await page.getByTestId('replay-send').click();
    await page.getByTestId('compare-view').waitFor();

    const rows = await page.getByTestId('response-diff').getByTestId('diff-row').allTextContents();
    expect(rows).toEqual([`changed/summary"${ORIGINAL_SUMMARY}" → "${EDITED_SUMMARY}"`]);
    expect(await page.getByTestId('compare-left-body').textContent()).toContain(ORIGINAL_SUMMARY);
    expect(await page.getByTestId('compare-right-body').textContent()).toContain(EDITED_SUMMARY);
    expect(await page.locator('.compare-summary').textContent()).toMatch(/^Same status 200/);
    expect(await page.locator('.compare-head strong').allTextContents()).toEqual([expect.stringMatching(/^#\d+ original$/), expect.stringMatching(/^#\d+ replay of #\d+, edited$/)]);
    await saveScreenshot(page, 'replay-compare');

    const sent = JSON.parse(target.received.at(-1)?.body.toString() as string) as { message: { analysis: { summary: string } } };
    expect(sent.message.analysis.summary).toBe(EDITED_SUMMARY);

    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('compare-view').count()).toBe(0);
    await expect.poll(() => page.getByTestId('replay-mark').count()).toBeGreaterThan(0);
  });

  it('replays unchanged with one click', async () => {
    const before = target.received.length;
    await openExchange('end-of-call-report');

    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await page.getByTestId('compare-view').waitFor();

    expect(await page.getByText('The response bodies are identical.').count()).toBe(1);
    expect(Buffer.compare(target.received[before]?.body as Buffer, sampleBytes('end-of-call-report.json'))).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('sends invalid JSON only after confirmation', async () => {
    const before = target.received.length;
    await openExchange('status-update');
    await openEditor();

    await page.getByTestId('replay-body-editor').locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' trailing');
    await expect.poll(() => page.getByTestId('replay-json-status').textContent()).toMatch(/^Invalid JSON: /);
    await page.getByTestId('replay-send').click();
    await page.getByRole('alertdialog', { name: 'Send invalid JSON' }).waitFor();

    expect(target.received.length).toBe(before);

    await page.getByRole('button', { name: 'Send anyway' }).click();
    await page.getByTestId('compare-view').waitFor();

    expect(target.received[before]?.body.toString()).toMatch(/ trailing$/);
    expect(await page.getByTestId('compare-right-body').textContent()).toContain('not JSON');
    await page.keyboard.press('Escape');
  });

  it('flags an edit that breaks a signature', async () => {
    await openExchange('tool-calls');
    await openEditor();

    expect(await page.getByTestId('replay-stale-warning').count()).toBe(0);

    await page.getByTestId('replay-body-editor').locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.type(',"extra":1');
    await page.getByTestId('replay-stale-warning').waitFor();
    const replayRows = page.locator('.row', { has: page.getByTestId('replay-mark') });
    const replaysBefore = await replayRows.count();
    await page.getByTestId('replay-send').click();
    await page.getByTestId('compare-view').waitFor();
    await page.keyboard.press('Escape');
    // The new replay reaches the list in a later push; until then the top replay row is an older one.
    await expect.poll(() => replayRows.count()).toBe(replaysBefore + 1);
    await replayRows.first().locator('span').first().click();

    await expect.poll(() => page.getByTestId('replay-actions').textContent()).toContain('signature stale');
  });

  it('replays a whole call with progress', async () => {
    await page.getByRole('tab', { name: 'Calls' }).click();
    await page.locator('.call-item', { hasText: REPORT_CALL_ID.slice(0, 8) }).first().click();
    await page.getByTestId('call-replay').waitFor();

    await page.getByRole('button', { name: 'Replay call' }).click();

    await expect.poll(() => page.getByTestId('call-replay-progress').getAttribute('data-state'), { timeout: 10_000 }).toBe('finished');
    expect(await page.getByTestId('call-replay-progress').textContent()).toMatch(/Finished: 2 of 2 events sent/);
    await saveScreenshot(page, 'replay-call');
  });

  it('cancels a whole call replay', async () => {
    inspector.db.prepare("UPDATE exchanges SET received_at = received_at + 600000 WHERE event_type = 'end-of-call-report' AND source = 'received'").run();
    await page.getByLabel('Replay timing').selectOption('original');

    await page.getByRole('button', { name: 'Replay call' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await expect.poll(() => page.getByTestId('call-replay-progress').getAttribute('data-state')).toBe('cancelled');
    expect(await page.getByTestId('call-replay-progress').textContent()).toMatch(/Cancelled: [01] of 2 events sent/);
  });
});
