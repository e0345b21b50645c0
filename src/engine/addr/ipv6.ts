/** IPv6 addresses as text, for the packets that carry them (DNS AAAA answers, captures). */
/** An IPv6 address as inet_ntop writes it: the longest run of two or more zero groups as "::". */
export function formatIpv6(buf: Uint8Array, off = 0): string {
  const words = Array.from({ length: 8 }, (_, i) => (buf[off + 2 * i] << 8) | buf[off + 2 * i + 1]);
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  if (bestLen < 2) best = -1;
  // IPv4-mapped and -compatible addresses end in dotted quad, as inet_ntop prints them.
  const v4 = best === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff));
  const parts: string[] = [];
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      parts.push(i === 0 ? ':' : '');
      i += bestLen - 1;
      if (i === 7) parts.push('');
      continue;
    }
    if (v4 && i === 6) {
      parts.push(`${buf[off + 12]}.${buf[off + 13]}.${buf[off + 14]}.${buf[off + 15]}`);
      break;
    }
    parts.push(words[i].toString(16));
  }
  return parts.join(':');
}
