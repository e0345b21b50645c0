/**
 * The packet inspector: the selected event's frame layer by layer with every field, a hex
 * dump that highlights the field under the pointer (or clicked), the packet's path hop by
 * hop (its own events, its parents' and its copies'), the netfilter walk with the rule that
 * decided, NAT's rewrite (the summary before and after), and a pcap of the frame or path.
 */
import { decodeFrame, type Field, type Layer } from './decode/frame.ts';
import { writePcap } from './decode/pcap.ts';
import { h } from './dom.ts';
import { formatTime } from './event-list.ts';
import { KIND_COLOURS, KIND_LABELS } from './packet-layer.ts';
import { describeEvent, type Timeline, type TimelineEvent } from './timeline.ts';
import { namespaceLabel } from './topology-graph.ts';

export interface Inspector {
  show(index: number): void;
}

export interface InspectorOptions {
  readonly onPick: (index: number) => void;
  /** The iptables-save text of a namespace as of the end of a command, if recorded. */
  readonly iptablesAt: (cmd: number, ns: string) => string | undefined;
}

type Framed = TimelineEvent & { event: { type: 'xmit' | 'rcv'; bytes: Uint8Array; summary: string; dev: string } };

function isFramed(e: TimelineEvent | undefined): e is Framed {
  return e !== undefined && (e.event.type === 'xmit' || e.event.type === 'rcv');
}

/** The frame an event is about: its own, or the nearest frame of the same packet before (else after) it. */
export function frameFor(timeline: Timeline, index: number): Framed | undefined {
  const e = timeline.events[index];
  if (!e) return undefined;
  if (isFramed(e)) return e;
  if (e.key === undefined) return undefined;
  const cmd = timeline.commands[e.cmd];
  const key = e.event.type === 'encap' || e.event.type === 'decap' ? (e.parentKey ?? e.key) : e.key;
  for (let i = index - 1; i >= cmd.first; i--) {
    const x = timeline.events[i];
    if (isFramed(x) && x.key === key) return x;
  }
  for (let i = index + 1; i < cmd.end; i++) {
    const x = timeline.events[i];
    if (isFramed(x) && (x.key === key || x.key === e.key)) return x;
  }
  return undefined;
}

/** The nth `-A CHAIN` rule of a table in iptables-save text. */
export function ruleText(save: string, table: string, chain: string, n: number): string | undefined {
  let inTable = false;
  let count = 0;
  for (const line of save.split('\n')) {
    if (line.startsWith('*')) inTable = line.slice(1).trim() === table;
    else if (inTable && line.startsWith(`-A ${chain} `)) {
      count += 1;
      if (count === n) return line;
    }
  }
  return undefined;
}

/** Eight bytes a row fit the side panel with their ASCII column. */
const BYTES_PER_ROW = 8;

function hexDump(bytes: Uint8Array): { element: HTMLElement; highlight: (offset: number, length: number) => void } {
  const cells: HTMLElement[] = [];
  const asciiCells: HTMLElement[] = [];
  const lines: HTMLElement[] = [];
  for (let row = 0; row < bytes.length; row += BYTES_PER_ROW) {
    const hexPart = h('span', { class: 'hex-bytes' });
    const asciiPart = h('span', { class: 'hex-ascii' });
    for (let i = row; i < Math.min(row + BYTES_PER_ROW, bytes.length); i++) {
      const cell = h('span', { class: 'hex-byte', 'data-off': i }, bytes[i].toString(16).padStart(2, '0'));
      const ch = h('span', { class: 'hex-char', 'data-off': i }, bytes[i] >= 32 && bytes[i] < 127 ? String.fromCharCode(bytes[i]) : '.');
      cells.push(cell);
      asciiCells.push(ch);
      hexPart.append(cell, ' ');
      asciiPart.append(ch);
    }
    lines.push(h('div', { class: 'hex-line' }, h('span', { class: 'hex-offset' }, row.toString(16).padStart(4, '0')), hexPart, asciiPart));
  }
  let lit: HTMLElement[] = [];
  return {
    element: h('div', { class: 'hex-dump', 'data-testid': 'hex-dump', 'aria-label': 'Frame bytes in hexadecimal' }, ...lines),
    highlight(offset, length) {
      for (const c of lit) c.classList.remove('lit');
      lit = [];
      for (let i = offset; i < offset + length && i < cells.length; i++) lit.push(cells[i], asciiCells[i]);
      for (const c of lit) c.classList.add('lit');
      lit[0]?.scrollIntoView({ block: 'nearest' });
    },
  };
}

function download(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.tcpdump.pcap' }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A rewrite between two consecutive frames of one packet (NAT). */
function rewrites(path: readonly TimelineEvent[]): { before: string; after: string; at: TimelineEvent }[] {
  const out: { before: string; after: string; at: TimelineEvent }[] = [];
  const lastSummary = new Map<string, string>();
  const strip = (s: string) => s.replace(/, length \d+$/, '');
  for (const e of path) {
    if (!isFramed(e) || e.key === undefined) continue;
    const previous = lastSummary.get(e.key);
    if (previous !== undefined && strip(previous) !== strip(e.event.summary)) out.push({ before: previous, after: e.event.summary, at: e });
    lastSummary.set(e.key, e.event.summary);
  }
  return out;
}

export function createInspector(container: HTMLElement, timeline: Timeline, options: InspectorOptions): Inspector {
  const body = h('div', { class: 'inspector-body', 'data-testid': 'inspector' }, h('p', { class: 'muted' }, 'Click a packet in the event list (or step the player) to see its headers, bytes and path.'));
  container.append(body);

  function layerView(layer: Layer, onField: (f: Field) => void): HTMLElement {
    return h(
      'details',
      { class: 'layer', open: true },
      h('summary', { class: 'layer-summary', 'data-offset': layer.offset }, layer.summary),
      h(
        'table',
        { class: 'fields' },
        h(
          'tbody',
          {},
          ...layer.fields.map((f) => {
            const tr = h('tr', { class: 'field', tabindex: 0, title: `bytes ${f.offset}–${f.offset + f.length - 1}` }, h('th', {}, f.name), h('td', {}, f.value));
            tr.addEventListener('mouseenter', () => onField(f));
            tr.addEventListener('focus', () => onField(f));
            tr.addEventListener('click', () => {
              for (const other of body.querySelectorAll('tr.field.selected')) other.classList.remove('selected');
              tr.classList.add('selected');
              onField(f);
            });
            return tr;
          }),
        ),
      ),
    );
  }

  function show(index: number): void {
    const e = timeline.events[index];
    if (!e) {
      body.replaceChildren(h('p', { class: 'muted' }, 'Nothing selected.'));
      return;
    }
    const head = h(
      'div',
      { class: 'inspector-head' },
      h('span', { class: 'kind-chip', style: `--kind:${KIND_COLOURS[e.kind]}` }, KIND_LABELS[e.kind]),
      h('span', { class: 'inspector-title' }, describeEvent(e.event)),
      h('div', { class: 'muted' }, `#${e.index} · t=${formatTime(e.event.t)} s · ${namespaceLabel(e.ns)} · command: ${timeline.commands[e.cmd]?.line ?? ''}`),
    );
    const parts: Node[] = [head];
    if (e.event.type === 'drop') {
      parts.push(h('div', { class: 'drop-box', role: 'alert' }, h('strong', {}, `Dropped: ${e.event.reason}`), h('div', {}, e.event.detail)));
    }

    const frame = frameFor(timeline, index);
    if (frame) {
      const dump = hexDump(frame.event.bytes);
      const layers = decodeFrame(frame.event.bytes);
      const note = frame !== e ? h('p', { class: 'muted' }, `Frame as ${frame.event.type === 'xmit' ? 'sent on' : 'received on'} ${frame.event.dev} in ${namespaceLabel(frame.ns)} (event #${frame.index}).`) : null;
      const pcapFrame = h('button', { type: 'button', 'data-testid': 'pcap-frame', title: 'Download this frame as a pcap file for Wireshark or tcpdump -r' }, 'pcap: frame');
      pcapFrame.addEventListener('click', () => download(`netsim-event-${frame.index}.pcap`, writePcap([{ t: frame.event.t, bytes: frame.event.bytes }])));
      parts.push(
        h('h3', {}, `Layers (${frame.event.bytes.length} bytes)`),
        ...(note ? [note] : []),
        h('div', { class: 'layers', 'data-testid': 'layers' }, ...layers.map((layer) => layerView(layer, (f) => dump.highlight(f.offset, f.length)))),
        h('h3', {}, 'Bytes ', pcapFrame),
        dump.element,
      );
    }

    const path = timeline.journey(index);
    if (path.length > 1) {
      const framed = path.filter(isFramed);
      const pcapPath = h('button', { type: 'button', 'data-testid': 'pcap-path', title: 'Download every frame of this path (as sent on each link) as a pcap file' }, 'pcap: path');
      pcapPath.addEventListener('click', () =>
        download(`netsim-path-${index}.pcap`, writePcap(framed.filter((x) => x.event.type === 'xmit').map((x) => ({ t: x.event.t, bytes: x.event.bytes })))),
      );
      parts.push(
        h('h3', {}, `Path (${path.length} events) `, pcapPath),
        h(
          'ol',
          { class: 'path', 'data-testid': 'path' },
          ...path.map((x) =>
            h(
              'li',
              { class: `path-step type-${x.event.type}${x.index === index ? ' current' : ''}`, 'data-index': x.index },
              h('span', { class: 'ev-kind', style: `--kind:${KIND_COLOURS[x.kind]}` }),
              h('span', { class: 'path-ns' }, namespaceLabel(x.ns)),
              ' ',
              describeEvent(x.event),
            ),
          ),
        ),
      );
      const nat = rewrites(path);
      if (nat.length > 0) {
        parts.push(
          h('h3', {}, 'Address rewrites (NAT)'),
          ...nat.map((r) => h('div', { class: 'nat-rewrite' }, h('div', { class: 'before' }, `before: ${r.before}`), h('div', { class: 'after' }, `after (${namespaceLabel(r.at.ns)} ${r.at.event.type === 'xmit' || r.at.event.type === 'rcv' ? r.at.event.dev : ''}): ${r.after}`))),
        );
      }
      const nf = path.filter((x) => x.event.type === 'nf');
      if (nf.length > 0) {
        parts.push(
          h('h3', {}, 'Netfilter walk'),
          h(
            'ol',
            { class: 'nf-walk', 'data-testid': 'nf-walk' },
            ...nf.map((x) => {
              const ev = x.event as Extract<TimelineEvent['event'], { type: 'nf' }>;
              const save = ev.rule > 0 ? options.iptablesAt(x.cmd, x.ns) : undefined;
              const text = save !== undefined ? ruleText(save, ev.table, ev.chain, ev.rule) : undefined;
              const matched = !/^(no match|continue)$/i.test(ev.verdict);
              return h(
                'li',
                { class: `nf-step verdict-${ev.verdict.toLowerCase().replace(/\W+/g, '-')}${matched && ev.rule > 0 ? ' matched' : ''}`, 'data-index': x.index },
                h('span', { class: 'nf-hook' }, ev.hook),
                ` ${namespaceLabel(x.ns)} ${ev.table}/${ev.chain} `,
                h('strong', {}, ev.rule > 0 ? `rule ${ev.rule}` : 'policy'),
                ` → ${ev.verdict}`,
                text ? h('code', { class: 'nf-rule' }, text) : null,
              );
            }),
          ),
          h('p', { class: 'muted small' }, 'Rule text from iptables-save at the end of the command that sent the packet.'),
        );
      }
    }
    body.replaceChildren(...parts);
    body.querySelector('.path-step.current')?.scrollIntoView({ block: 'nearest' });
  }

  body.addEventListener('click', (event) => {
    const step = (event.target as Element).closest<HTMLElement>('.path-step, .nf-step');
    if (step?.dataset.index) options.onPick(Number(step.dataset.index));
  });

  return { show };
}
