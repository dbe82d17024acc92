import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_VAPI_FIELDS } from '../../src-main/core/vapi-event';
import { ExchangeWriter } from '../../src-main/recorder/exchange-writer';
import { launchBrowser } from '../support/browser';
import { startInspector, type RunningInspector } from '../support/control-fixture';

const ROWS = 100_000;
const TYPES = ['status-update', 'transcript', 'conversation-update', 'tool-calls', 'speech-update'];

/** Scroll timing measured in the page while it scrolls through the list, one step per frame. */
interface ScrollTiming {
  frames: number;
  meanFrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  renderedRows: number;
}

/** Records `ROWS` finished exchanges straight into the database, in one transaction. */
function recordExchanges(inspector: RunningInspector): void {
  const writer = new ExchangeWriter(inspector.db);
  const body = Buffer.from('{"message":{"type":"status-update","status":"in-progress"}}');

  inspector.db.transaction(() => {
    for (let index = 0; index < ROWS; index += 1) {
      writer.insert({
        receivedAt: 1_760_000_000_000 + index * 50,
        method: 'POST',
        path: '/vapi/webhook',
        query: '',
        requestHeaders: [['Content-Type', 'application/json']],
        requestBody: body,
        fields: { ...EMPTY_VAPI_FIELDS, type: TYPES[index % TYPES.length] as string, callId: `call-${Math.floor(index / 40)}` },
        callFacts: {},
        targetUrl: null,
        outcome: 'forwarded',
      });
    }
  })();
}

describe('exchange list with 100,000 rows', () => {
  let inspector: RunningInspector;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    inspector = await startInspector();
    recordExchanges(inspector);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await inspector?.stop();
  });

  it('renders only the rows in view', async () => {
    await page.goto(inspector.inspectorUrl);
    await page.locator('.row').first().waitFor();

    expect(await page.getByTestId('exchange-list').getAttribute('aria-rowcount')).toBe('500');
    expect(await page.locator('.row').count()).toBeLessThan(80);
  });

  it('shows the calls count as partial past 500', async () => {
    await page.getByRole('tab', { name: 'Calls' }).click();
    const head = page.getByTestId('calls-sidebar').locator('.sidebar-head');
    await head.waitFor();

    expect(await head.textContent()).toBe('CALLS (500+)');
    await page.getByRole('tab', { name: 'Exchanges' }).click();
    await page.locator('.row').first().waitFor();
  });

  it('pages in every row and scrolls through them', { timeout: 180_000 }, async () => {
    const list = page.getByTestId('exchange-list');

    while (Number(await list.getAttribute('aria-rowcount')) < ROWS) {
      const before = Number(await list.getAttribute('aria-rowcount'));
      await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      await expect.poll(async () => Number(await list.getAttribute('aria-rowcount')), { timeout: 20_000 }).toBeGreaterThan(before);
    }

    const timing = await list.evaluate(async (element): Promise<ScrollTiming> => {
      element.scrollTo({ top: 0 });
      const gaps: number[] = [];
      const step = element.scrollHeight / 600;
      let last = performance.now();

      for (let frame = 0; frame < 600; frame += 1) {
        element.scrollTop = (frame + 1) * step;
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = performance.now();
        gaps.push(now - last);
        last = now;
      }

      const sorted = [...gaps].sort((a, b) => a - b);
      return {
        frames: gaps.length,
        meanFrameMs: gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length,
        p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] as number,
        maxFrameMs: sorted[sorted.length - 1] as number,
        renderedRows: element.querySelectorAll('.row').length,
      };
    });

    // The frame times depend on the machine, so they are printed for the record, not asserted.
    process.stdout.write(`scroll through ${ROWS} rows: ${JSON.stringify(timing)}\n`);

    expect(await list.getAttribute('aria-rowcount')).toBe(String(ROWS));
    expect(timing.renderedRows).toBeLessThan(80);
    expect(await page.locator('.row').last().getAttribute('data-id')).toBe('1');
  });
});
