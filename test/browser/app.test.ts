/**
 * The built app in Debian's Chromium: builds with Vite, serves dist/ on a free localhost port,
 * and drives the page as a person would: reads the namespace list, types into the command
 * box, and checks the terminal. Leaves a screenshot in test-results/app.png.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const skipNote = hasChromium ? '' : ` (skipped: ${CHROMIUM} not found; install Debian's chromium package to run it)`;
if (!hasChromium) console.warn(`test/browser/app.test.ts${skipNote}`);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = join(ROOT, 'vite.config.ts');
const SCREENSHOT = join(ROOT, 'test-results', 'app.png');

const INPUT = '[data-testid="command-input"]';
const OUTPUT = '[data-testid="terminal-output"]';
const namespaceEntry = (name: string) => `[data-testid="namespace-list"] > li[data-namespace="${name}"]`;

describe.sequential(`the built app in Chromium${skipNote}`, () => {
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) return;
    await build({ root: ROOT, configFile: CONFIG, mode: 'production', logLevel: 'warn' });
    server = await preview({
      root: ROOT,
      configFile: CONFIG,
      logLevel: 'warn',
      preview: { host: '127.0.0.1', port: 0, open: false },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.resolvedUrls!.local[0]);
  });

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      await server?.close();
    }
  });

  async function run(command: string): Promise<void> {
    await page.fill(INPUT, command);
    await page.press(INPUT, 'Enter');
  }

  async function waitForOutput(text: string): Promise<void> {
    await page.waitForFunction(
      ({ selector, text }) => document.querySelector(selector)?.textContent?.includes(text) ?? false,
      { selector: OUTPUT, text },
    );
  }

  it.skipIf(!hasChromium)('opens with the default scenario: its namespaces, graph and commands', async () => {
    for (const name of ['host', 'c1', 'c2']) await page.waitForSelector(namespaceEntry(name));
    await page.waitForSelector(`${namespaceEntry('')} .namespace-name:text-is("(root)")`);
    await page.waitForSelector(`${namespaceEntry('host')} li.device[data-device="br0"]`);
    await waitForOutput('$ ip netns add host');
    await page.waitForSelector('[data-testid="graph"] canvas');
    expect(pageErrors).toEqual([]);
  });

  it.skipIf(!hasChromium)('runs a typed command and shows its namespace', async () => {
    await run('ip netns add lab');
    await page.waitForSelector(namespaceEntry('lab'));
    await waitForOutput('$ ip netns add lab');
  });

  it.skipIf(!hasChromium)('shows "command not found" with exit 127 and keeps working', async () => {
    await run('frobnicate --now');
    await waitForOutput('command not found');
    const lastExit = await page.locator(`${OUTPUT} .line.exit`).last().textContent();
    expect(lastExit).toBe('exit 127');

    await run('ip netns add lab2');
    await page.waitForSelector(namespaceEntry('lab2'));
    await page.waitForSelector('[data-testid="status"]:text-is("Ready")');
  });

  it.skipIf(!hasChromium)('browses earlier commands with the Up arrow', async () => {
    await page.press(INPUT, 'ArrowUp');
    expect(await page.inputValue(INPUT)).toBe('ip netns add lab2');
    await page.press(INPUT, 'ArrowUp');
    expect(await page.inputValue(INPUT)).toBe('frobnicate --now');
    await page.press(INPUT, 'ArrowDown');
    await page.press(INPUT, 'ArrowDown');
    expect(await page.inputValue(INPUT)).toBe('');
  });

  it.skipIf(!hasChromium)('leaves a screenshot in test-results/app.png, with no page errors', async () => {
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
