/**
 * Browser benchmark: builds the app with Vite (production), serves dist/ on localhost, opens it
 * in headless Chromium (Debian's /usr/bin/chromium) and measures
 *
 *  - time from navigation to the default scenario drawn (the page's `netsim:first-draw` mark,
 *    and `netsim:ready` when its commands have run), median of a few fresh loads;
 *  - the 100-namespace world (scenarios/scale-100.sh): time to run it, time to build its
 *    picture, time from a reload to the restored world drawn;
 *  - frames per second while 200 frames move at once over that picture (200 arrivals at one
 *    instant, added to the page's own timeline and played by its player and packet layer),
 *    and while the scenario's own ARP flood plays; main-thread tasks over 50 ms meanwhile;
 *  - the page's JavaScript heap and DOM size.
 *
 * Prints JSON and writes bench-results/ui.json.   npm run bench:ui
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview } from 'vite';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = join(ROOT, 'vite.config.ts');
const OUT = join(ROOT, 'bench-results', 'ui.json');
const FIRST_DRAW_RUNS = 3;
const PACKETS = 200;
const MEASURE_MS = 3000;

interface Netsim {
  timeline: {
    length: number;
    commands: { line: string; first: number; end: number }[];
    events: { index: number; event: { type: string; ns: string; dev?: string; bytes?: Uint8Array; t: number } }[];
    add(line: string, source: string, exitCode: number, events: unknown[]): { first: number; end: number };
    groupOf(i: number): { start: number; end: number; moving: boolean } | undefined;
  };
  player: { state: { cursor: number; playing: boolean }; seek(i: number): void; play(): void; pause(): void; setSpeed(s: number): void };
  dots: number;
  nodes(): string[];
  edges(): number;
  stats: { renderMs: number; renders: number };
}
type Win = { netsim: Netsim };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

async function mark(page: Page, name: string, timeout = 60_000): Promise<number> {
  await page.waitForFunction((n) => performance.getEntriesByName(n).length > 0, name, { timeout });
  return page.evaluate((n) => performance.getEntriesByName(n)[0].startTime, name);
}

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="status"]:text-is("Ready")', { timeout: 120_000 });
}

/** Frames drawn, long tasks and dots while the page animates for `ms`. */
async function measureFrames(page: Page, ms: number): Promise<{ fps: number; frames: number; worstFrameMs: number; longTasks: number; longestTaskMs: number; dotsMin: number; dotsMax: number }> {
  return page.evaluate(async (duration) => {
    const n = (window as unknown as Win).netsim;
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    let frames = 0;
    let worst = 0;
    let dotsMin = Infinity;
    let dotsMax = 0;
    const start = performance.now();
    let last = start;
    await new Promise<void>((resolve) => {
      const tick = (now: number) => {
        frames += 1;
        worst = Math.max(worst, now - last);
        last = now;
        dotsMin = Math.min(dotsMin, n.dots);
        dotsMax = Math.max(dotsMax, n.dots);
        if (now - start < duration) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    const elapsed = performance.now() - start;
    observer.disconnect();
    return { fps: (frames / elapsed) * 1000, frames, worstFrameMs: worst, longTasks: longTasks.length, longestTaskMs: Math.max(0, ...longTasks), dotsMin: dotsMin === Infinity ? 0 : dotsMin, dotsMax };
  }, ms);
}

async function heap(page: Page): Promise<{ jsHeapUsedMB: number; documentElements: number; domNodesIncludingDetached: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  await cdp.detach();
  const documentElements = await page.evaluate(() => document.querySelectorAll('*').length);
  return { jsHeapUsedMB: round(get('JSHeapUsedSize') / 1024 / 1024), documentElements, domNodesIncludingDetached: get('Nodes') };
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium package`);
  const quiet = { logLevel: 'warn' as const };
  await build({ root: ROOT, configFile: CONFIG, mode: 'production', ...quiet });
  const server = await preview({ root: ROOT, configFile: CONFIG, ...quiet, preview: { host: '127.0.0.1', port: 0, open: false } });
  const url = server.resolvedUrls!.local[0];
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const fresh = async () => {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
      // tsx (esbuild) names functions with a __name helper, which the page does not have.
      await context.addInitScript('globalThis.__name = (f) => f;');
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      return page;
    };

    // 1. The default scenario, from navigation to drawn, in fresh pages (no saved world).
    const firstDraw: number[] = [];
    const defaultReady: number[] = [];
    for (let i = 0; i < FIRST_DRAW_RUNS; i++) {
      const page = await fresh();
      await page.goto(url);
      firstDraw.push(await mark(page, 'netsim:first-draw'));
      defaultReady.push(await mark(page, 'netsim:ready'));
      await page.context().close();
    }

    // 2. The 100-namespace world.
    const page = await fresh();
    await page.goto(`${url}?scenario=scale-100`);
    await ready(page);
    const t0 = Date.now();
    await page.click('[data-testid="run-all"]');
    await page.waitForFunction(() => /^(\d+) \/ \1 run$/.test(document.querySelector('[data-testid="scenario-progress"]')?.textContent ?? ''), null, { timeout: 300_000 });
    await ready(page);
    const buildMs = Date.now() - t0;
    const world = await page.evaluate(() => {
      const n = (window as unknown as Win).netsim;
      const summary = document.querySelector('[data-testid="world-summary"]')?.textContent ?? '';
      return { summary, nodes: n.nodes().length, edges: n.edges(), renderMs: n.stats.renderMs, renders: n.stats.renders, events: n.timeline.length };
    });
    await page.evaluate(() => (window as unknown as Win).netsim.player.pause());
    // The whole picture built from nothing: each view switch lays out and adds every element.
    await page.click('button[data-view="kernel"]');
    const kernelViewMs = await page.evaluate(() => (window as unknown as Win).netsim.stats.renderMs);
    await page.click('button[data-view="docker"]');
    const dockerViewMs = await page.evaluate(() => (window as unknown as Win).netsim.stats.renderMs);
    const memoryWorld = await heap(page);

    // 3a. The scenario's own traffic: c1's ARP request flooding front's 49 ports, at 1×.
    const floodStart = await page.evaluate(() => {
      const n = (window as unknown as Win).netsim;
      const ping = n.timeline.commands.find((c) => c.line.includes('ping -c 1 -W 1 c3'))!;
      let i = ping.first;
      while (i < ping.end && n.timeline.events[i].event.type !== 'flood') i++;
      n.player.setSpeed(1);
      n.player.seek(i);
      n.player.play();
      return i;
    });
    const flood = await measureFrames(page, 2000);
    await page.evaluate(() => (window as unknown as Win).netsim.player.pause());

    // 3b. 200 frames arriving at once: each leaves a network's bridge for a container's eth0
    // at the same instant, as a flood's copies do. Added to the page's timeline (a command of
    // its own) and played by its player at 0.1× so they stay in flight while we count frames.
    const injected = await page.evaluate((count) => {
      const n = (window as unknown as Win).netsim;
      const bridges = n.nodes().filter((id) => /^dev:\/br-/.test(id)).map((id) => id.slice('dev:/'.length));
      const containers = n.nodes().filter((id) => /^dev:c\d+\/eth0$/.test(id)).map((id) => id.slice(4, -'/eth0'.length));
      const sample = n.timeline.events.find((e) => e.event.type === 'xmit' && e.event.bytes && e.event.dev === 'eth0')!.event;
      const t = sample.t + 1_000_000_000;
      const events: unknown[] = [];
      for (let k = 0; k < count; k++) events.push({ type: 'xmit', t, ns: '(root)', pkt: 1_000_000 + k, dev: bridges[k % bridges.length], bytes: sample.bytes, summary: 'bench frame' });
      for (let k = 0; k < count; k++) events.push({ type: 'rcv', t: t + 2000, ns: containers[k % containers.length], pkt: 1_000_000 + k, dev: 'eth0', bytes: sample.bytes, summary: 'bench frame' });
      const record = n.timeline.add('# benchmark: 200 frames in flight', 'bench', 0, events);
      const wave = n.timeline.groupOf(record.first + count)!;
      n.player.setSpeed(0.1);
      n.player.seek(record.first + count - 1);
      n.player.play();
      return { containers: containers.length, bridges: bridges.length, waveSize: wave.end - wave.start, moving: wave.moving };
    }, PACKETS);
    await page.waitForFunction(() => (window as unknown as Win).netsim.dots > 0);
    const animation = await measureFrames(page, MEASURE_MS);
    await page.evaluate(() => (window as unknown as Win).netsim.player.pause());
    const memoryAfter = await heap(page);

    // 4. A reload: the saved world replayed and drawn again.
    const reloadStart = Date.now();
    await page.reload();
    const reloadFirstDraw = await mark(page, 'netsim:first-draw', 300_000);
    await mark(page, 'netsim:ready', 300_000);
    const reloadReadyMs = Date.now() - reloadStart;

    const result = {
      benchmark: 'ui',
      chromium: browser.version(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown',
      viewport: '1280x800',
      firstDraw: {
        note: 'navigation start to the default scenario drawn (production build, fresh page, no saved world); median of runs',
        navigationToFirstDrawMs: round(median(firstDraw)),
        navigationToDefaultRunMs: round(median(defaultReady)),
        runs: firstDraw.map((x) => round(x)),
        aimMs: 1500,
      },
      scale100: {
        summary: world.summary,
        cytoscapeNodes: world.nodes,
        cytoscapeEdges: world.edges,
        events: world.events,
        runAllMs: buildMs,
        lastPictureUpdateMs: round(world.renderMs),
        dockerViewBuildMs: round(dockerViewMs),
        kernelViewBuildMs: round(kernelViewMs),
        reloadToFirstDrawMs: round(reloadFirstDraw),
        reloadToReadyMs: reloadReadyMs,
      },
      animation200: {
        note: `${PACKETS} frames moving at once over the 100-namespace Docker view (one group of arrivals added to the page's timeline, played at 0.1x)`,
        packets: PACKETS,
        groupSize: injected.waveSize,
        fps: round(animation.fps),
        frames: animation.frames,
        worstFrameMs: round(animation.worstFrameMs),
        dotsDrawn: { min: animation.dotsMin, max: animation.dotsMax },
        longTasksOver50ms: animation.longTasks,
        longestTaskMs: round(animation.longestTaskMs),
        aimFps: 50,
      },
      floodAnimation: {
        note: "the scenario's own ARP flood (c1 to the 48 other containers on front) playing at 1x",
        fromEvent: floodStart,
        fps: round(flood.fps),
        worstFrameMs: round(flood.worstFrameMs),
        dotsDrawnMax: flood.dotsMax,
        longTasksOver50ms: flood.longTasks,
      },
      memory: {
        afterScale100: memoryWorld,
        afterAnimation: memoryAfter,
      },
      gitCommit: (() => {
        try {
          return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
        } catch {
          return 'unknown';
        }
      })(),
    };
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await browser?.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
