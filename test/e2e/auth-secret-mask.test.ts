import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser';
import { startListen, type ListenProcess } from '../support/cli-process';
import { send } from '../support/http-client';
import { replyJson, startTarget, type TargetServer } from '../support/target-server';
import { tempFolder } from '../support/temp-db';

const BODY = Buffer.from('{"message":{"type":"status-update","status":"in-progress","call":{"id":"call-secret-1"}}}');
const WRONG_SECRET = 'WrongSecret99';

describe('auth explanation of a shared secret', () => {
  const folder = tempFolder();
  let target: TargetServer;
  let listen: ListenProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    target = await startTarget(replyJson({}));
    listen = await startListen(['--port', '0', '--inspector-port', '0', '--db', folder.dbPath, '--forward-to', target.url, '--secret', 'TopSecret123']);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(listen.inspectorUrl as string);
    await send(`${listen.receiveUrl}/vapi/webhook`, { body: BODY, headers: ['Content-Type', 'application/json', 'X-Vapi-Secret', WRONG_SECRET] });
  });

  afterAll(async () => {
    await browser?.close();
    await listen?.stop();
    await target?.close();
    folder.remove();
  });

  it('masks the arrived secret until revealed', async () => {
    await page.locator('.row').first().locator('span').first().click();
    const received = page.getByTestId('auth-explanation').getByTestId('auth-received');
    await received.waitFor();

    expect(await received.textContent()).not.toContain(WRONG_SECRET);
    expect(await received.getByTestId('secret-value').textContent()).toBe('••••••• (13 chars)');

    await received.getByRole('button', { name: /^Reveal / }).click();
    expect(await received.getByTestId('secret-value').textContent()).toBe(WRONG_SECRET);

    await received.getByRole('button', { name: /^Hide / }).click();
    expect(await received.textContent()).not.toContain(WRONG_SECRET);
  });
});
