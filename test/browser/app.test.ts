/**
 * The built app in Debian's Chromium: builds with Vite, serves dist/ on a free localhost port,
 * and drives the page as a person would: opens the default world, types a ping in the
 * terminal and watches its frames, steps back and forward, inspects a packet, loads a
 * scenario step by step, tries a broken file, and reloads. Leaves screenshots (1280×800) in
 * test-results/.
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
const RESULTS = join(ROOT, 'test-results');

const TERMINAL = '[data-testid="terminal"]';
const OUTPUT = '[data-testid="terminal-output"]';

interface Netsim {
  timeline: { length: number; events: { event: { type: string; summary?: string; ns?: string }; kind: string }[]; commands: { line: string }[] };
  player: { state: { cursor: number; playing: boolean; progress: number } };
  dots: number;
  nodes(): string[];
  edgeIds(): string[];
  node(id: string): { parent: string | null; label: string; classes: string } | undefined;
  compare: {
    showing: string | undefined;
    panes: { timeline: { length: number }; player: { state: { cursor: number; playing: boolean } }; dots: number; nodes(): string[] }[];
  };
}

describe.sequential(`the built app in Chromium${skipNote}`, () => {
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let url = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) return;
    mkdirSync(RESULTS, { recursive: true });
    await build({ root: ROOT, configFile: CONFIG, mode: 'production', logLevel: 'warn' });
    server = await preview({
      root: ROOT,
      configFile: CONFIG,
      logLevel: 'warn',
      preview: { host: '127.0.0.1', port: 0, open: false },
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    url = server.resolvedUrls!.local[0];
    await page.goto(url);
  });

  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      await server?.close();
    }
  });

  const netsim = <T>(fn: (n: Netsim) => T): Promise<T> => page.evaluate(`(${fn.toString()})(window.netsim)`) as Promise<T>;

  async function waitForOutput(text: string): Promise<void> {
    await page.waitForFunction(
      ({ selector, text }) => document.querySelector(selector)?.textContent?.includes(text) ?? false,
      { selector: OUTPUT, text },
    );
  }

  async function ready(): Promise<void> {
    await page.waitForSelector('[data-testid="status"]:text-is("Ready")');
  }

  async function type(command: string): Promise<void> {
    await page.click(TERMINAL);
    await page.keyboard.type(command);
    await page.keyboard.press('Enter');
  }

  it.skipIf(!hasChromium)('opens with the default scenario run and drawn', async () => {
    await waitForOutput('$ ip netns add host');
    await waitForOutput('1 received');
    await ready();
    await page.waitForSelector('[data-testid="graph"] canvas');
    const ids = await netsim((n) => n.nodes());
    expect(ids).toEqual(expect.arrayContaining(['ns:host', 'ns:c1', 'ns:c2', 'dev:host/br0', 'dev:c1/eth0']));
    await page.waitForSelector('[data-testid="scenario-title"]:text-is("scenarios/default.sh")');
    expect(await page.textContent('[data-testid="scenario-progress"]')).toMatch(/^(\d+) \/ \1 run$/);
    expect(pageErrors).toEqual([]);
  });

  it.skipIf(!hasChromium)('animates the frames of a ping typed in the terminal, to the far container', async () => {
    const before = await netsim((n) => n.timeline.length);
    await page.selectOption('[data-testid="terminal-target"]', 'netns:c1');
    await type('ping -c 1 -W 1 10.0.0.3');
    await waitForOutput('1 packets transmitted, 1 received');
    await page.waitForFunction(() => (window as unknown as { netsim: Netsim }).netsim.player.state.playing);
    // A frame is in flight on the picture at some point while it plays.
    await page.waitForFunction(() => (window as unknown as { netsim: Netsim }).netsim.dots > 0);
    const types = await netsim((n) => n.timeline.events.map((e) => `${e.kind}:${e.event.type}`));
    expect(types.length).toBeGreaterThan(before);
    expect(types.slice(before)).toEqual(expect.arrayContaining(['icmp:xmit', 'icmp:rcv']));
    expect(await netsim((n) => n.timeline.commands.at(-1)!.line)).toBe('ip netns exec c1 ping -c 1 -W 1 10.0.0.3');
    await page.screenshot({ path: join(RESULTS, 'app-ping.png') });
    const rows = await page.locator('[data-testid="event-list"] .event-row').count();
    expect(rows).toBeGreaterThan(0);
  });

  it.skipIf(!hasChromium)('steps back and forward through the events, and inspects a packet with its bytes', async () => {
    await page.click('[data-testid="play"]'); // pause (it was playing)
    await page.waitForFunction(() => !(window as unknown as { netsim: Netsim }).netsim.player.state.playing);
    const at = await netsim((n) => n.player.state.cursor);
    await page.click('[data-testid="step-back"]');
    await page.click('[data-testid="step-back"]');
    const back = await netsim((n) => n.player.state.cursor);
    expect(back).toBeLessThan(at);
    await page.click('[data-testid="step-forward"]');
    await page.waitForFunction((b) => (window as unknown as { netsim: Netsim }).netsim.player.state.cursor > b, back);

    // Pick the ICMP echo request as c2 received it.
    const index = await netsim((n) => {
      let found = -1;
      n.timeline.events.forEach((e, i) => {
        if (e.event.type === 'rcv' && (e.event.summary ?? '').includes('ICMP echo request')) found = i;
      });
      return found;
    });
    await page.evaluate((i) => {
      const list = document.querySelector('[data-testid="event-list"]')!;
      list.scrollTop = 0;
      (window as unknown as { netsim: { player: { seek(i: number): void } } }).netsim.player.seek(i);
    }, index);
    await page.click('[data-testid="event-list"] .event-row.current');
    await page.waitForSelector('[data-testid="layers"] .layer-summary:has-text("ICMP, Echo request")');
    await page.waitForSelector('[data-testid="layers"] .layer-summary:has-text("IPv4, 10.0.0.2 > 10.0.0.3")');
    // Hovering a field lights its bytes in the hex dump: the IPv4 source is 4 bytes.
    await page.hover('[data-testid="layers"] tr.field:has(th:text-is("Source")) >> nth=1');
    expect(await page.locator('[data-testid="hex-dump"] .hex-byte.lit').count()).toBe(4);
    expect(await page.locator('[data-testid="path"] li').count()).toBeGreaterThan(3);
    await page.screenshot({ path: join(RESULTS, 'app-inspector.png') });
  });

  it.skipIf(!hasChromium)('shows the tables of a namespace, and says when they are from an earlier command', async () => {
    await page.click('[data-testid="tab-tables"]');
    await page.selectOption('[data-testid="tables-namespace"]', 'host');
    await page.click('.table-tab[data-table="fdb"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="table-text"]')?.textContent?.includes('bridge fdb show') ?? false);
    expect(await page.textContent('[data-testid="table-text"]')).toContain('master br0');
    // At the bridge's first learning event the FDB holds that one learned MAC, exactly as then.
    const learned = (t: string | null) => (t ?? '').split('\n').filter((l) => l.includes('master br0') && !l.includes('permanent')).length;
    const live = learned(await page.textContent('[data-testid="table-text"]'));
    const first = await netsim((n) => n.timeline.events.findIndex((e) => e.event.type === 'fdb-learn' && e.event.ns === 'host'));
    await page.evaluate((i) => (window as unknown as { netsim: { player: { seek(i: number): void } } }).netsim.player.seek(i), first);
    await page.waitForSelector('[data-testid="tables-when"]:has-text("Exactly as at the selected event")');
    expect(learned(await page.textContent('[data-testid="table-text"]'))).toBe(1);
    expect(live).toBeGreaterThan(1);
    await page.screenshot({ path: join(RESULTS, 'app-tables-at-event.png') });
    await page.click('[data-testid="tab-inspector"]');
  });

  it.skipIf(!hasChromium)('loads a scenario from the gallery and runs it step by step with its narrative', async () => {
    await page.selectOption('[data-testid="gallery"]', 'scenarios/bridge-vs-overlay.sh');
    await page.waitForSelector('[data-testid="scenario-title"]:text-is("scenarios/bridge-vs-overlay.sh")');
    await ready();
    expect(await page.textContent('[data-testid="scenario-steps"]')).toContain('Two "hosts" as namespaces');
    await page.click('[data-testid="run-step"]');
    await waitForOutput('$ ip netns add host1');
    await ready();
    expect(await page.textContent('[data-testid="scenario-progress"]')).toMatch(/^1 \/ \d+ run$/);
    await page.click('[data-testid="run-all"]');
    await waitForOutput('$ ip -n host1 link show vxlan42');
    await ready();
    const kinds = await netsim((n) => [...new Set(n.timeline.events.map((e) => e.kind))]);
    expect(kinds).toEqual(expect.arrayContaining(['arp', 'icmp', 'vxlan']));
    expect(await page.locator('[data-testid="event-list"] .event-row').count()).toBeGreaterThan(0);
    await page.click('button[data-view="kernel"]');
    await page.click('.graph-tools button:text-is("Fit")');
    await page.screenshot({ path: join(RESULTS, 'app-overlay.png') });
  });

  it.skipIf(!hasChromium)('shows the line and reason of a broken scenario file, and keeps the world', async () => {
    const commands = await netsim((n) => n.timeline.commands.length);
    await page.setInputFiles('[data-testid="file-input"]', { name: 'broken.sh', mimeType: 'text/plain', buffer: Buffer.from("ip netns add ok\necho 'unterminated\n") });
    await page.waitForSelector('[data-testid="scenario-error"]:not([hidden])');
    expect(await page.textContent('[data-testid="scenario-error"]')).toContain('broken.sh:2: unterminated quote');
    expect(await netsim((n) => n.timeline.commands.length)).toBe(commands);
    await page.waitForSelector('[data-testid="scenario-title"]:text-is("scenarios/bridge-vs-overlay.sh")');
  });

  it.skipIf(!hasChromium)('finds the world restored after a reload', async () => {
    const commands = await netsim((n) => n.timeline.commands.map((c) => c.line));
    const events = await netsim((n) => n.timeline.length);
    await page.reload();
    await waitForOutput('restored the world');
    await ready();
    expect(await netsim((n) => n.timeline.commands.map((c) => c.line))).toEqual(commands);
    // Same seed, same commands: the same events.
    expect(await netsim((n) => n.timeline.length)).toBe(events);
    await page.waitForSelector('[data-testid="scenario-title"]:text-is("scenarios/bridge-vs-overlay.sh")');
    await page.keyboard.press('Escape');
    await page.screenshot({ path: join(RESULTS, 'app.png') });
    expect(pageErrors).toEqual([]);
  });

  async function runScenario(name: string): Promise<void> {
    await page.selectOption('[data-testid="gallery"]', `scenarios/${name}.sh`);
    await page.waitForSelector(`[data-testid="scenario-title"]:text-is("scenarios/${name}.sh")`);
    await ready();
    await page.click('[data-testid="run-all"]');
    await page.waitForFunction(() => /^(\d+) \/ \1 run$/.test(document.querySelector('[data-testid="scenario-progress"]')?.textContent ?? ''), null, { timeout: 60_000 });
    await ready();
  }

  it.skipIf(!hasChromium)('draws each Docker host as a box holding its containers, the overlay between them', async () => {
    await runScenario('docker-swarm-overlay');
    await page.click('button[data-view="docker"]');
    const node = (id: string) => page.evaluate((i) => (window as unknown as { netsim: Netsim }).netsim.node(i), id);
    // Two host compounds, each with its underlay address, each holding its own container.
    expect((await node('ns:host1'))?.label).toBe('host1 · 192.168.1.11');
    expect((await node('ns:host2'))?.label).toBe('host2 · 192.168.1.12');
    expect((await node('ns:host1'))?.classes).toContain('docker-host');
    expect((await node('ns:web@host1'))?.parent).toBe('ns:host1');
    expect((await node('ns:client@host2'))?.parent).toBe('ns:host2');
    // The overlay's namespace on each host, a band between them, the tunnel between the eth0s.
    const ids = await netsim((n) => n.nodes());
    const sandboxes = ids.filter((id) => /^ns:1-[0-9a-f]+@host[12]$/.test(id));
    expect(sandboxes).toHaveLength(2);
    const edges = await netsim((n) => n.edgeIds());
    expect(edges.some((id) => id.startsWith('overlay:'))).toBe(true);
    expect(edges).toContain('tunnel:dev:host1/eth0|dev:host2/eth0');
    // The ping across the hosts: wrapped on host2, unwrapped on host1.
    const types = await netsim((n) => n.timeline.events.map((e) => e.event.type));
    expect(types).toEqual(expect.arrayContaining(['encap', 'decap']));
    await page.click('.graph-tools button:text-is("Fit")');
    await page.screenshot({ path: join(RESULTS, 'app-docker-hosts.png') });
    expect(pageErrors).toEqual([]);
  });

  it.skipIf(!hasChromium)('runs the same conversation over a bridge and over an overlay, side by side', async () => {
    await page.click('[data-testid="view-compare"]');
    await page.waitForSelector('[data-testid="compare-screen"]');
    // The swarm world has no bridge pair: the screen offers to build both worlds.
    await page.click('[data-testid="compare-load"]');
    await page.waitForFunction(() => /^(\d+) \/ \1 run$/.test(document.querySelector('[data-testid="scenario-progress"]')?.textContent ?? '') && document.querySelector('[data-testid="scenario-title"]')?.textContent === 'scenarios/docker-bridge-vs-overlay.sh', null, { timeout: 60_000 });
    await ready();
    await page.waitForSelector('[data-testid="compare-setup"]', { state: 'hidden' });
    await page.click('[data-testid="compare-ping"]');
    await page.waitForFunction(() => (window as unknown as { netsim: Netsim }).netsim.compare.showing === 'ping');
    // Both panes play their own command, at once.
    await page.waitForFunction(() => (window as unknown as { netsim: Netsim }).netsim.compare.panes.every((p) => p.timeline.length > 0));
    await page.waitForFunction(() => (window as unknown as { netsim: Netsim }).netsim.compare.panes[1].dots > 0);
    const panes = await netsim((n) => n.compare.panes.map((p) => p.nodes()));
    expect(panes[0]).toContain('ns:');
    expect(panes[0].some((id) => id.includes('@host'))).toBe(false);
    expect(panes[1]).toEqual(expect.arrayContaining(['ns:host1', 'ns:host2', 'ns:lan', 'ns:web@host1', 'ns:client@host2']));
    const bridge = (row: string) => page.textContent(`[data-testid="compare-facts"] tr:has(th:text-is("${row}")) td[data-side="bridge"]`);
    const overlay = (row: string) => page.textContent(`[data-testid="compare-facts"] tr:has(th:text-is("${row}")) td[data-side="overlay"]`);
    expect(await bridge('encapsulation')).toContain('none');
    expect(await overlay('encapsulation')).toMatch(/VXLAN, VNI \d+, in UDP \d+ → 4789, IP 192\.168\.50\.12 → 192\.168\.50\.11/);
    expect(await bridge('MTU · first packet')).toContain('MTU 1500 · 98 bytes on the wire');
    expect(await overlay('MTU · first packet')).toContain('MTU 1450 · 98 bytes inside, 148 on the wire (+50)');
    expect(await overlay('path of the first packet')).toMatch(/host2 overlay vxlan0 wraps.*host2 eth0.*lan.*host1 eth0.*host1 overlay vxlan0 unwraps.*web eth0/);
    expect(await bridge('path of the first packet')).toBe('client eth0 → host bridge "shop" → web eth0');
    expect(await page.textContent('[data-testid="compare-story"]')).toContain('MTU of 1450');
    await page.screenshot({ path: join(RESULTS, 'app-bridge-vs-overlay.png') });
    // A full-size ping fits the bridge, not the overlay.
    await page.click('[data-testid="compare-mtu"]');
    await page.waitForFunction(() => (window as unknown as { netsim: Netsim }).netsim.compare.showing === 'mtu');
    await ready();
    expect(await overlay('outcome')).toContain('message too long, mtu=1450');
    expect(await bridge('outcome')).toMatch(/1 packets received|1 received/);
    await page.click('button[data-view="docker"]');
    await page.waitForSelector('[data-testid="compare-screen"]', { state: 'hidden' });
    expect(pageErrors).toEqual([]);
  });

  it.skipIf(!hasChromium)('works offline after the first visit, from its service worker cache', async () => {
    // The worker registers at load and caches the built files before it activates.
    const cached = await page.evaluate(async () => {
      const regs = await navigator.serviceWorker.getRegistrations();
      const timeout = new Promise<string>((resolve) => setTimeout(() => resolve(`no active service worker: ${JSON.stringify(regs.map((r) => [r.scope, !!r.installing, !!r.waiting, !!r.active]))}`), 15_000));
      const r = await Promise.race([navigator.serviceWorker.ready.then(() => ''), timeout]);
      if (r) return [r];
      const keys = await (await caches.open('netsim-v1')).keys();
      return keys.map((k) => k.url);
    });
    expect(cached.some((u) => /engine\.worker-[\w-]+\.js$/.test(u))).toBe(true);
    expect(cached.some((u) => /\/index-[\w-]+\.js$/.test(u))).toBe(true);
    await page.context().setOffline(true);
    try {
      await page.reload();
      await ready();
      await page.waitForSelector('[data-testid="graph"] canvas');
      expect((await netsim((n) => n.nodes())).length).toBeGreaterThan(0);
      await page.screenshot({ path: join(RESULTS, 'app-offline.png') });
    } finally {
      await page.context().setOffline(false);
    }
    expect(pageErrors).toEqual([]);
  });
});
