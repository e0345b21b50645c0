/**
 * Text/tabwriter as the docker CLI uses it (minwidth 10, tabwidth 1, padding 3, ' '):
 * each column is as wide as its widest cell plus three spaces; the last column is not padded.
 */
export function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const cols = Math.max(...rows.map((r) => r.length));
  const widths: number[] = [];
  for (let i = 0; i < cols - 1; i++) widths.push(Math.max(10 - 3, ...rows.map((r) => (r[i] ?? '').length)) + 3);
  return rows.map((r) => r.map((cell, i) => (i < cols - 1 ? cell.padEnd(widths[i]) : cell)).join('').trimEnd() + '\n').join('');
}

/** Go's encoding/json with Docker's indentation (four spaces for inspect). */
export function inspectJson(v: unknown): string {
  return JSON.stringify(v, null, 4)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/"(<|>|&)/g, '"$1');
}

/**
 * A small subset of Go templates for `--format` / `-f`: `{{.A.B}}`, `{{json .A}}`,
 * `{{index .A "key"}}`, `{{range .A}}...{{end}}` (over maps and arrays), plain text.
 */
export function goTemplate(tpl: string, data: unknown, vars: Record<string, unknown> = {}): string {
  let out = '';
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf('{{', i);
    if (open < 0) {
      out += tpl.slice(i);
      break;
    }
    out += tpl.slice(i, open);
    const close = tpl.indexOf('}}', open);
    if (close < 0) throw new Error(`template: unclosed action`);
    const action = tpl.slice(open + 2, close).trim();
    i = close + 2;
    if (action.startsWith('range ')) {
      const endIdx = findEnd(tpl, i);
      const body = tpl.slice(i, endIdx.start);
      // {{range .X}}, {{range $v := .X}} or {{range $k, $v := .X}}
      const m = /^range\s+(?:(\$\w+)\s*(?:,\s*(\$\w+))?\s*:=\s*)?(.+)$/.exec(action)!;
      const coll = evalExpr(m[3].trim(), data, vars);
      const entries: [unknown, unknown][] = Array.isArray(coll) ? coll.map((v, k) => [k, v]) : coll && typeof coll === 'object' ? Object.entries(coll).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
      for (const [k, v] of entries) {
        const scope = { ...vars };
        if (m[1] && m[2]) {
          scope[m[1]] = k;
          scope[m[2]] = v;
        } else if (m[1]) scope[m[1]] = v;
        out += goTemplate(body, v, scope);
      }
      i = endIdx.end;
      continue;
    }
    const v = evalExpr(action, data, vars);
    out += formatValue(v);
  }
  return out;
}

function findEnd(tpl: string, from: number): { start: number; end: number } {
  let depth = 1;
  let i = from;
  for (;;) {
    const open = tpl.indexOf('{{', i);
    if (open < 0) throw new Error('template: unexpected EOF');
    const close = tpl.indexOf('}}', open);
    const a = tpl.slice(open + 2, close).trim();
    if (a.startsWith('range ') || a.startsWith('if ') || a.startsWith('with ')) depth++;
    if (a === 'end') {
      depth--;
      if (depth === 0) return { start: open, end: close + 2 };
    }
    i = close + 2;
  }
}

function evalExpr(expr: string, data: unknown, vars: Record<string, unknown> = {}): unknown {
  const words = expr.match(/"[^"]*"|\S+/g) ?? [];
  if (words[0] === 'json') return JSON.stringify(evalExpr(words.slice(1).join(' '), data, vars));
  if (words[0]?.startsWith('$')) {
    const [name, ...path] = words[0].split('.');
    const base = vars[name];
    return path.length ? evalPath(`.${path.join('.')}`, base) : base;
  }
  if (words[0] === 'index') {
    const base = evalPath(words[1], data);
    const key = (words[2] ?? '').replace(/^"|"$/g, '');
    return base && typeof base === 'object' ? (base as Record<string, unknown>)[key] : undefined;
  }
  if (words[0] === 'lower') return String(evalExpr(words.slice(1).join(' '), data)).toLowerCase();
  if (words[0] === 'upper') return String(evalExpr(words.slice(1).join(' '), data)).toUpperCase();
  return evalPath(words[0] ?? '.', data);
}

function evalPath(path: string, data: unknown): unknown {
  if (path === '.') return data;
  let v: unknown = data;
  for (const part of path.split('.').slice(1)) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function formatValue(v: unknown): string {
  if (v === undefined || v === null) return '<no value>';
  if (typeof v === 'object') {
    if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
    return `map[${Object.entries(v)
      .map(([k, x]) => `${k}:${formatValue(x)}`)
      .join(' ')}]`;
  }
  return String(v);
}
