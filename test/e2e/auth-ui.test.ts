import { createHmac } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, saveScreenshot } from '../support/browser';
import { CLI_ENV, startListen, type ListenProcess } from '../support/cli-process';
import { send } from '../support/http-client';
import { replyJson, startTarget, type TargetServer } from '../support/target-server';
import { tempFolder } from '../support/temp-db';

const HMAC_SECRET = 'ui-hmac-secret-51ce';
const BODY = Buffer.from('{"message":{"type":"status-update","status":"in-progress","call":{"id":"call-auth-1"}}}\n');

function signedHeaders(algorithm: string): string[] {
  const timestamp = String(Date.now());
  const signature = createHmac(algorithm, HMAC_SECRET).update(`${timestamp}.`).update(BODY).digest('hex');
  return ['Content-Type', 'application/json', 'x-signature', signature, 'x-timestamp', timestamp];
}

describe('auth in the inspector', () => {
  const folder = tempFolder();
  let target: TargetServer;
  let listen: ListenProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    target = await startTarget(replyJson({}));
    const args = ['--port', '0', '--inspector-port', '0', '--db', folder.dbPath, '--forward-to', target.url];
    listen = await startListen(args, { ...CLI_ENV, SWITCHBOARD_HMAC_SECRET: HMAC_SECRET });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(listen.inspectorUrl as string);
    await send(`${listen.receiveUrl}/vapi/webhook`, { body: BODY, headers: signedHeaders('sha256') });
    await send(`${listen.receiveUrl}/vapi/webhook`, { body: BODY, headers: signedHeaders('sha512') });
  });

  afterAll(async () => {
    await browser?.close();
    await listen?.stop();
    await target?.close();
    folder.remove();
  });

  it('shows a badge on each row', async () => {
    await page.locator('.row').nth(1).waitFor();
    const badges = page.locator('.row [data-testid="auth-badge"]');

    await expect.poll(() => badges.count()).toBe(2);
    expect(await badges.nth(0).getAttribute('data-auth')).toBe('invalid');
    expect(await badges.nth(0).getAttribute('title')).toBe('auth invalid: wrong algorithm');
    expect(await badges.nth(0).textContent()).toBe('✕auth');
    expect(await badges.nth(1).getAttribute('title')).toBe('auth valid');
  });

  it('explains the failure with the signed bytes', async () => {
    await page.locator('.row').first().locator('span').first().click();
    const explanation = page.getByTestId('auth-explanation');
    await explanation.getByTestId('auth-signed-bytes').waitFor();
    const bytes = (await explanation.getByTestId('auth-signed-bytes').textContent()) ?? '';
    const received = (await explanation.getByTestId('auth-received').textContent()) ?? '';

    expect(await explanation.textContent()).toContain('The signature matches HMAC-SHA512, but sha256 is configured.');
    expect(await explanation.textContent()).toContain('Set the algorithm to sha512.');
    expect(bytes).toMatch(/^\d{13}\.\{"message":.*\}\}↵\n$/);
    expect(received).toContain('x-signature');
    expect(await explanation.getByTestId('auth-expected-signature').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await saveScreenshot(page, 'auth-explanation');
  });

  it('edits settings without showing the secret', async () => {
    await page.getByRole('tab', { name: 'Settings' }).click();
    const section = page.getByTestId('auth-settings');
    const rule = section.getByTestId('auth-rule-0');
    await rule.waitFor();

    expect(await rule.getByLabel('Scheme').inputValue()).toBe('hmac');
    expect(await rule.getByLabel('HMAC secret').inputValue()).toBe('');
    expect(await rule.getByLabel('HMAC secret').getAttribute('placeholder')).toBe('set; leave empty to keep it');
    expect(await page.content()).not.toContain(HMAC_SECRET);

    await rule.getByLabel('Tolerance (s)').fill('soon');
    await section.getByRole('button', { name: 'Save authentication' }).click();
    await rule.getByRole('alert').waitFor();
    expect(await rule.getByRole('alert').textContent()).toContain('default.toleranceSeconds');

    await rule.getByLabel('Tolerance (s)').fill('60');
    await section.getByRole('button', { name: 'Save authentication' }).click();
    await expect.poll(() => section.getByTestId('auth-settings-status').textContent()).toContain('Saved');
    await saveScreenshot(page, 'auth-settings');
  });

  it('checks with the saved settings', async () => {
    await send(`${listen.receiveUrl}/vapi/webhook`, { body: BODY, headers: signedHeaders('sha256') });
    await page.getByRole('tab', { name: 'Exchanges' }).click();
    await expect.poll(() => page.locator('.row [data-testid="auth-badge"]').count()).toBe(3);

    expect(await page.locator('.row [data-testid="auth-badge"]').first().getAttribute('data-auth')).toBe('valid');
  });
});
