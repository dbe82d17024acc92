import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startListen, type ListenProcess } from '../support/cli-process';
import { launchBrowser, saveScreenshot } from '../support/browser';
import { send } from '../support/http-client';
import { sampleBytes } from '../support/samples';
import { startTarget, type TargetServer } from '../support/target-server';
import { tempFolder } from '../support/temp-db';

const CALL_ID = '7d2e4f1a-93b6-4c85-a0de-5b1f6c8e2a47';

/** Starts a target that replies to tool calls with the sample results and to everything else with `{}`. */
function startVapiTarget(): Promise<TargetServer> {
  return startTarget((_request, body, response) => {
    const reply = body.includes('"tool-calls"') ? sampleBytes('tool-calls.response.json') : Buffer.from('{}');
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(reply);
  });
}

/** How long a check waits for the page to catch up; two busy cores can make a render take seconds. */
const POLL = { timeout: 10_000 };

describe('inspector opened from switchboard listen', () => {
  const folder = tempFolder();
  let target: TargetServer;
  let listen: ListenProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    target = await startVapiTarget();
    listen = await startListen(['--port', '0', '--inspector-port', '0', '--db', folder.dbPath, '--forward-to', `${target.url}/vapi/webhook`]);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(listen.inspectorUrl as string);
  });

  afterAll(async () => {
    await browser?.close();
    await listen?.stop();
    await target?.close();
    folder.remove();
  });

  async function sendSample(name: string): Promise<void> {
    await send(`${listen.receiveUrl}/vapi/webhook`, { body: sampleBytes(name) });
  }

  it('prints the inspector URL with its token', () => {
    expect(listen.inspectorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+$/);
  });

  it('explains how to start when empty', async () => {
    const empty = page.getByTestId('empty-state');

    await empty.waitFor();

    expect(await empty.textContent()).toContain(`ngrok http ${new URL(listen.receiveUrl).port}`);
    expect(await page.getByTestId('exchange-count').textContent()).toBe('0 exchanges');
  });

  it('shows rows live without reload', async () => {
    await sendSample('status-update.in-progress.json');
    await sendSample('transcript.final.json');
    await sendSample('tool-calls.json');

    await page.locator('.row').nth(2).waitFor();
    const types = await page.locator('.row .badge').allTextContents();

    expect(types).toEqual(['tool-calls', 'transcript', 'status-update']);
    expect(await page.locator('.row').first().textContent()).toContain('check_availability, lookup_customer');
    await expect.poll(() => page.getByTestId('exchange-count').textContent(), POLL).toBe('3 exchanges');
  });

  it('groups a call and shows its timeline', async () => {
    await page.locator(`[data-call-id="${CALL_ID}"]`).click();
    await page.getByRole('tab', { name: 'Calls' }).click();
    const conversation = page.getByTestId('conversation');

    await conversation.waitFor();

    expect(page.url()).toContain(`call=${CALL_ID}`);
    expect(await conversation.locator('.bubble.caller').first().textContent()).toContain('Hi, do you have a table for four next Tuesday evening?');
    expect(await page.getByTestId('tool-call').first().textContent()).toContain('Open slots on 2026-01-20 for 4: 18:00, 19:30, 20:45');
    expect(await page.getByTestId('status-progression').textContent()).toContain('in-progress');
    expect(await page.getByTestId('call-events').locator('li').count()).toBe(3);
  });

  it('adds the report to an open call', async () => {
    await sendSample('end-of-call-report.json');

    await page.getByTestId('call-report').waitFor();

    expect(await page.getByTestId('report-summary').textContent()).toContain('booked a table for four');
    expect(await page.getByTestId('cost-bar').textContent()).toContain('total $0.1077');
    expect(await page.getByTestId('conversation').locator('.bubble.caller').last().textContent()).toContain("No, that's all. Thanks, bye.");
  });

  it('shows the exact request body', async () => {
    const body = '{"message":{"type":"hang","call":{"id":"exact-body-call"},"note":"exact \\u00e9 bytes, spaced  twice"}}';
    await page.getByRole('tab', { name: 'Exchanges' }).click();
    await page.getByRole('button', { name: 'All exchanges' }).click();
    await send(`${listen.receiveUrl}/vapi/webhook`, { body });

    await page.locator('.row', { hasText: 'hang' }).locator('span').first().click();
    await page.getByTestId('request-body-raw').click();
    const displayed = await page.getByTestId('request-body').locator('.cm-content').innerText();

    expect(displayed).toBe(body);
    expect(await page.getByTestId('request').locator('.headers').textContent()).toContain('application/json');
    expect(await page.getByTestId('timing-bar').getAttribute('data-level')).toBe('ok');
  });

  it('decodes a gzip body for display', async () => {
    const body = '{"message":{"type":"hang","call":{"id":"gzipped1"},"note":"compressed on the wire"}}';
    await send(`${listen.receiveUrl}/vapi/webhook`, { body: gzipSync(body), headers: ['Content-Type', 'application/json', 'Content-Encoding', 'gzip'] });

    // The proxy parses the bytes as received, so a gzip body is not read as a Vapi event.
    await expect.poll(() => page.locator('.row').count(), POLL).toBe(6);
    await page.locator('.row').first().locator('span').first().click();
    const request = page.getByTestId('request');
    await request.getByText('Decoded from gzip for display').waitFor();

    expect(await request.locator('.cm-content').innerText()).toContain('"note": "compressed on the wire"');
  });

  it('notes a body that fails to decode', async () => {
    await send(`${listen.receiveUrl}/vapi/webhook`, { body: 'plain text, not gzip', headers: ['Content-Type', 'text/plain', 'Content-Encoding', 'gzip'] });

    await expect.poll(() => page.locator('.row').count(), POLL).toBe(7);
    await page.locator('.row').first().locator('span').first().click();
    const note = page.getByTestId('request-body-decode-error');
    await note.waitFor();

    expect(await note.textContent()).toContain('Could not decode the gzip body');
    expect(await page.getByTestId('request').locator('.cm-content').innerText()).toBe('plain text, not gzip');
  });

  it('finds a transcript phrase', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    await page.keyboard.type('table for four next Tuesday');

    await expect.poll(() => page.url(), POLL).toContain('q=table+for+four+next+Tuesday');
    await expect.poll(async () => (await page.locator('.row .badge').allTextContents()).includes('transcript'), POLL).toBe(true);
    const types = await page.locator('.row .badge').allTextContents();

    expect(types).not.toContain('hang');
    expect(types).not.toContain('status-update');
  });

  it('keeps the search after a reload', async () => {
    await page.reload();

    await page.locator('.row').first().waitFor();

    expect(await page.getByRole('searchbox').inputValue()).toBe('table for four next Tuesday');
    expect(await page.locator('.row .badge').allTextContents()).toContain('transcript');
  });

  it('moves through rows with the keyboard', async () => {
    await page.locator('body').click({ position: { x: 5, y: 790 } });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.row').count(), POLL).toBe(7);
    await page.keyboard.press('j');
    await page.keyboard.press('j');

    const selected = page.locator('.row[aria-selected="true"]');

    expect(await selected.getAttribute('data-id')).toBe(String(await page.locator('.row').nth(1).getAttribute('data-id')));

    await page.keyboard.press('k');

    expect(await selected.getAttribute('data-id')).toBe(String(await page.locator('.row').nth(0).getAttribute('data-id')));
    await page.getByTestId('detail-pane').waitFor();

    await page.keyboard.press('Escape');

    expect(await page.getByTestId('detail-pane').count()).toBe(0);
  });

  it('asks for the token when it is missing', async () => {
    const stranger = await browser.newPage();
    await stranger.goto(new URL(listen.inspectorUrl as string).origin);

    expect(await stranger.locator('h2').textContent()).toBe('Open the inspector with its full URL');
    await stranger.close();
  });

  it('reports a wrong token', async () => {
    const stranger = await browser.newPage();
    await stranger.goto(`${new URL(listen.inspectorUrl as string).origin}/?token=wrong`);

    const banner = stranger.getByTestId('connection-banner');
    await banner.waitFor();

    await expect.poll(() => banner.textContent(), POLL).toContain('Missing or wrong token');
    expect(await stranger.locator('.row').count()).toBe(0);
    await stranger.close();
  });

  it('keeps API data from other origins', async () => {
    const origin = new URL(listen.inspectorUrl as string).origin;
    const token = new URL(listen.inspectorUrl as string).searchParams.get('token') as string;
    const stranger = await browser.newPage();
    await stranger.goto('about:blank');

    const outcome = await stranger.evaluate(
      async ({ url, secret }) => {
        try {
          const response = await fetch(url, { headers: { 'x-switchboard-token': secret } });
          return `status ${response.status}`;
        } catch {
          return 'blocked';
        }
      },
      { url: `${origin}/api/exchanges`, secret: token },
    );

    expect(outcome).toBe('blocked');
    await stranger.close();
  });

  it('saves screenshots of the main views', async () => {
    await page.getByRole('tab', { name: 'Calls' }).click();
    await page.locator(`[data-call-id="${CALL_ID}"]`).click();
    await page.getByTestId('call-report').waitFor();

    expect(await saveScreenshot(page, 'sample-call-timeline')).toMatch(/\.png$/);
  });
});
