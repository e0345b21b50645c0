/**
 * Number and port parsing with the C library's rules, because iptables accepts exactly what
 * strtoul(3) with base 0 accepts: leading blanks, a sign, 0x for hex and a leading 0 for octal.
 */
import { servicePort } from './names.ts';

export interface Parsed {
  value: number;
  /** Index just past the digits. */
  end: number;
}

/** strtoul(s + start, &end, 0); null when no digits were read. A '-' wraps like C does. */
export function strtoul(s: string, start = 0): Parsed | null {
  let i = start;
  while (i < s.length && ' \t\n\v\f\r'.includes(s[i])) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') negative = s[i++] === '-';
  let base = 10;
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
    base = 16;
    i += 2;
  } else if (s[i] === '0') base = 8;
  const digits = base === 16 ? /[0-9a-fA-F]/ : base === 8 ? /[0-7]/ : /[0-9]/;
  const from = i;
  while (i < s.length && digits.test(s[i])) i++;
  if (i === from) return null;
  const value = parseInt(s.slice(from, i), base);
  // C returns -x as a huge unsigned number: always out of any range iptables asks for.
  return { value: negative && value !== 0 ? Number.MAX_SAFE_INTEGER : value, end: i };
}

/** xtables_strtoui with no end pointer: the whole string must be a number in [min, max]. */
export function strtouiWhole(s: string, min: number, max: number): number | null {
  const r = strtoul(s);
  if (!r || r.end !== s.length || r.value < min || r.value > max) return null;
  return r.value;
}

/** xtables_strtoui with an end pointer: a number in range at `start`, whatever follows. */
export function strtouiPrefix(s: string, start: number, max: number): Parsed | null {
  const r = strtoul(s, start);
  if (!r || r.value > max) return null;
  return r;
}

/** xtables_parse_port: a number 0-65535 or a service name for the protocol; null if neither. */
export function parsePort(text: string, proto: 'tcp' | 'udp'): number | null {
  const n = strtouiWhole(text, 0, 65535);
  if (n !== null) return n;
  return servicePort(text, proto);
}

/** getservbyname(name, NULL): any protocol, tcp first as in /etc/services order. */
export function anyServicePort(name: string): number | null {
  return servicePort(name, 'tcp') ?? servicePort(name, 'udp');
}
