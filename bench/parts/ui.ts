import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BenchContext } from '../context';
import { startHelperServer, startSwitchboard, type ServerProcess } from '../processes';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LONG_FRAME_MS = 50;
/** Pixels scrolled per animation frame: 40 rows of 28 px, about 2,400 rows a second at 60 frames a second. */
const SCROLL_STEP_PX = 40 * 28;

export interface UiResult {
  ready: boolean;
  /** The reason the part could not run, when `ready` is false. */
  reason: string | null;
  historyExchanges: number;
  /** From the start of navigation to the first exchange row in the page, in ms. */
  firstRowsMs: number;
  targetRows: number;
  rowsScrolled: number;
  rowsLoaded: number;
  scrollSeconds: number;
  frames: number;
  longFrames: number;
  p99FrameMs: number;
  maxFrameMs: number;
}

interface ScrollStats {
  rowsScrolled: number;
  rowsLoaded: number;
  seconds: number;
  frameGaps: number[];
}

// The scripts below run in the page. They are plain JavaScript strings because tsx compiles this
// file with helpers (such as __name) that do not exist in the page.

/** Records when the first exchange row appears, in ms since navigation started, as window.firstRowAt. */
const FIRST_ROW_SCRIPT = `
new MutationObserver(() => {
  if (window.firstRowAt === undefined && document.querySelector('.row[data-id]') !== null) {
    window.firstRowAt = performance.now();
  }
}).observe(document, { childList: true, subtree: true });
`;

/** Scrolls the exchange list one step per animation frame and records every frame gap; resolves with ScrollStats. */
const SCROLL_SCRIPT = `(options) => new Promise((resolve) => {
  const list = document.querySelector('[data-testid="exchange-list"]');
  const started = performance.now();
  const frameGaps = [];
  let previous = started;
  const frame = (now) => {
    frameGaps.push(now - previous);
    previous = now;
    list.scrollTop = Math.min(list.scrollTop + options.stepPx, list.scrollHeight - list.clientHeight);
    const rowsScrolled = Math.floor(list.scrollTop / options.rowHeightPx);
    const seconds = (now - started) / 1000;
    if (rowsScrolled >= options.targetRows || seconds >= options.maxSeconds) {
      resolve({ rowsScrolled, rowsLoaded: Math.round(list.scrollHeight / options.rowHeightPx), seconds, frameGaps });
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

/**
 * Opens the inspector of `switchboard listen` on the history database in headless Chromium and
 * times the first rows. Then it scrolls the exchange list over `targetRows` rows and counts frames
 * slower than 50 ms. The inspector loads older pages as the end of the list comes near.
 */
export async function measureUi(context: BenchContext, history: { dbPath: string; exchanges: number }): Promise<UiResult> {
  const targetRows = context.quick ? 20_000 : 100_000;
  const empty: UiResult = {
    ready: false,
    reason: null,
    historyExchanges: history.exchanges,
    firstRowsMs: Number.NaN,
    targetRows,
    rowsScrolled: 0,
    rowsLoaded: 0,
    scrollSeconds: 0,
    frames: 0,
    longFrames: 0,
    p99FrameMs: Number.NaN,
    maxFrameMs: Number.NaN,
  };
  const started: ServerProcess[] = [];
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });

  try {
    const target = await startHelperServer('target', 'fast-target.ts', []);
    started.push(target);
    const switchboard = await startSwitchboard({ targetUrl: target.url, dbPath: history.dbPath, logPath: join(context.workDir, 'ui-listen.log'), inspector: true });
    started.push(switchboard);

    if (switchboard.inspectorUrl === null) {
      return { ...empty, reason: 'switchboard listen printed no inspector URL' };
    }

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(FIRST_ROW_SCRIPT);
    context.progress('ui: opening the inspector');
    await page.goto(switchboard.inspectorUrl);

    try {
      await page.locator('.row[data-id]').first().waitFor({ timeout: 30_000 });
    } catch {
      return { ...empty, reason: 'the inspector showed no exchange rows within 30 s (no ".row[data-id]" element)' };
    }

    const firstRowsMs = ((await page.evaluate('window.firstRowAt')) as number | undefined) ?? Number.NaN;
    context.progress(`ui: scrolling over ${targetRows.toLocaleString('en-US')} rows`);
    const options = { targetRows, stepPx: SCROLL_STEP_PX, maxSeconds: context.quick ? 30 : 120, rowHeightPx: 28 };
    const stats = (await page.evaluate(`(${SCROLL_SCRIPT})(${JSON.stringify(options)})`)) as ScrollStats;
    const gaps = stats.frameGaps.slice(1).sort((a, b) => a - b);

    return {
      ...empty,
      ready: true,
      firstRowsMs,
      rowsScrolled: stats.rowsScrolled,
      rowsLoaded: stats.rowsLoaded,
      scrollSeconds: stats.seconds,
      frames: gaps.length,
      longFrames: gaps.filter((gap) => gap > LONG_FRAME_MS).length,
      p99FrameMs: gaps[Math.max(0, Math.ceil(gaps.length * 0.99) - 1)] ?? Number.NaN,
      maxFrameMs: gaps[gaps.length - 1] ?? Number.NaN,
    };
  } finally {
    await browser.close();
    await Promise.all(started.map((server) => server.stop()));
  }
}
