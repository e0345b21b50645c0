/**
 * Scenario files in the page: the gallery (scenarios/*.sh and the conformance scripts,
 * bundled as text by Vite), a file's narrative (its `#` comments) attached to the commands
 * they introduce, and share links that carry a scenario's text compressed in the URL hash.
 */

export interface ScenarioFile {
  /** "scenarios/default.sh" or "test/conformance/k01-ip-errors.sh". */
  readonly path: string;
  /** The file's base name without .sh: "default". */
  readonly name: string;
  /** The first comment line, or the name. */
  readonly title: string;
  readonly group: 'lessons' | 'conformance';
  /** The file's text; empty for a conformance script until loaded (see `textOf`). */
  readonly text: string;
  /** Fetches the text of a file not bundled with the page (the conformance scripts, a chunk of their own). */
  readonly load?: () => Promise<string>;
}

/** A gallery file's text, fetched first if it is not bundled with the page. */
export function textOf(file: ScenarioFile): Promise<string> {
  return file.load ? file.load() : Promise.resolve(file.text);
}

export interface NarrativeStep {
  /** 1-based line of the command in the file. */
  readonly line: number;
  readonly command: string;
  /** The comment lines just above it (blank lines between keep them). */
  readonly notes: readonly string[];
}

export interface Narrative {
  /** Comments before the first command's own notes: the scenario's introduction. */
  readonly intro: readonly string[];
  readonly steps: readonly NarrativeStep[];
}

const lessons = import.meta.glob('../../scenarios/*.sh', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
// Lazily: the conformance scripts are many and most visits never open one.
const conformance = import.meta.glob('../../test/conformance/*.sh', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

function titleOf(text: string, name: string): string {
  const first = text.split('\n').find((l) => l.trim().startsWith('#'));
  return first ? first.replace(/^\s*#\s*/, '').trim() : name;
}

function files(glob: Record<string, string>, group: ScenarioFile['group']): ScenarioFile[] {
  return Object.entries(glob)
    .map(([key, text]) => {
      const path = key.replace(/^(\.\.\/)+/, '');
      const name = path.replace(/^.*\//, '').replace(/\.sh$/, '');
      return { path, name, title: titleOf(text, name), group, text };
    })
    .sort((a, b) => (a.name === 'default' ? -1 : b.name === 'default' ? 1 : a.name.localeCompare(b.name)));
}

function lazyFiles(glob: Record<string, () => Promise<string>>, group: ScenarioFile['group']): ScenarioFile[] {
  return Object.entries(glob)
    .map(([key, load]) => {
      const path = key.replace(/^(\.\.\/)+/, '');
      const name = path.replace(/^.*\//, '').replace(/\.sh$/, '');
      return { path, name, title: name, group, text: '', load };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export const GALLERY: readonly ScenarioFile[] = [...files(lessons, 'lessons'), ...lazyFiles(conformance, 'conformance')];

export function findScenario(name: string): ScenarioFile | undefined {
  return GALLERY.find((f) => f.name === name || f.path === name || f.path === `scenarios/${name}` || f.path === `scenarios/${name}.sh`);
}

/**
 * Comments attach to the command below them. A blank line after a comment block does not
 * detach it; the first block of the file (up to the first blank line) is the introduction.
 */
export function narrativeOf(text: string, commands: readonly { line: number; command: string }[]): Narrative {
  const raw = text.split(/\r?\n/);
  const byLine = new Map(commands.map((c) => [c.line, c.command]));
  const intro: string[] = [];
  const steps: NarrativeStep[] = [];
  let notes: string[] = [];
  let inIntro = true;
  for (let i = 0; i < raw.length; i++) {
    const trimmed = raw[i].trim();
    const command = byLine.get(i + 1);
    if (command !== undefined) {
      inIntro = false;
      steps.push({ line: i + 1, command, notes });
      notes = [];
    } else if (trimmed.startsWith('#')) {
      notes.push(trimmed.replace(/^#\s?/, ''));
    } else if (trimmed === '' && inIntro && notes.length > 0) {
      intro.push(...notes);
      notes = [];
      inIntro = false;
    }
  }
  if (inIntro && steps.length === 0) intro.push(...notes);
  return { intro, steps };
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** The hash part of a share link: `#share=NAME:DEFLATED-TEXT` (raw deflate, base64url). */
export async function shareHash(name: string, text: string): Promise<string> {
  const packed = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return `#share=${encodeURIComponent(name)}:${toBase64Url(packed)}`;
}

export async function readShareHash(hash: string): Promise<{ name: string; text: string } | undefined> {
  const match = /^#share=([^:]*):(.+)$/.exec(hash);
  if (!match) return undefined;
  const bytes = await pipe(fromBase64Url(match[2]), new DecompressionStream('deflate-raw'));
  return { name: decodeURIComponent(match[1]) || 'shared', text: new TextDecoder().decode(bytes) };
}
