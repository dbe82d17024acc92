import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startInspector, type RunningInspector } from '../support/control-fixture';
import { send } from '../support/http-client';
import { startTarget, type TargetServer } from '../support/target-server';

/** A CRLF body whose literals JSON.parse plus JSON.stringify would change. */
const BODY = [
  '{"message": {"type": "hang", "call": {"id": "call-literals"},',
  '  "cost": 12345678901234567891, "price": 1.10, "kilo": 1e3, "zero": 0.0,',
  '  "note": "caf\\u00e9", "analysis": {"summary": "old"}}}',
  '',
].join('\r\n');

describe('body fidelity in the inspector', () => {
  let target: TargetServer;
  let inspector: RunningInspector;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    target = await startTarget((_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"total": 98765432109876543210}');
    });
    inspector = await startInspector({ targetUrl: `${target.url}/vapi/webhook` });
    await send(`${inspector.url}/vapi/webhook`, { body: BODY });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(inspector.inspectorUrl);
    await page.locator('.row').first().locator('span').first().click();
    await page.getByTestId('request-body').locator('.cm-content').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await inspector?.stop();
    await target?.close();
  });

  it('pretty-prints literals as received', async () => {
    const request = await page.getByTestId('request-body').locator('.cm-content').innerText();
    const response = await page.getByTestId('response-body').locator('.cm-content').innerText();

    expect(await page.getByTestId('request-body').getAttribute('data-kind')).toBe('json');
    expect(request).toContain('"cost": 12345678901234567891,');
    expect(request).toContain('"price": 1.10,');
    expect(request).toContain('"kilo": 1e3,');
    expect(request).toContain('"zero": 0.0,');
    expect(request).toContain('"note": "caf\\u00e9",');
    expect(response).toContain('"total": 98765432109876543210');
  });

  it('sends an edited body exactly as shown', async () => {
    await page.getByRole('button', { name: 'Edit & replay' }).click();
    await page.getByTestId('replay-body-editor').locator('.cm-content').click();
    await page.keyboard.press('Control+f');
    await page.locator('.cm-search input[name=search]').fill('"old"');
    await page.locator('.cm-search input[name=replace]').fill('"new"');
    await page.locator('.cm-search button[name=replaceAll]').click();
    await expect.poll(() => page.getByTestId('replay-json-status').textContent()).toBe('Valid JSON.');
    await page.getByTestId('replay-send').click();
    await page.getByTestId('compare-view').waitFor();

    expect(target.received).toHaveLength(2);
    expect(target.received[1]?.body.toString('utf8')).toBe(BODY.replace('"old"', '"new"'));
  });
});
