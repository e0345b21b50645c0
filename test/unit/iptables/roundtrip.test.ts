/**
 * Parse → spec → `-S` round trips. Every rule line the real iptables printed in the captured
 * scenarios (`-S` and iptables-save output) is parsed and printed again: the simulator must
 * print the very same line, and re-parsing what it printed must give an equal spec.
 */
import { describe, expect, it } from 'vitest';
import { type RuleSpec, sameRuleSpec } from '../../../src/engine/netfilter/rules.ts';
import { parseIptables } from '../../../src/shell/iptables/parse.ts';
import { saveSpec } from '../../../src/shell/iptables/print.ts';
import { splitRestoreLine } from '../../../src/shell/iptables/restore.ts';
import { fixtureNames, loadFixture } from './replay.ts';

interface SavedRule {
  table: string;
  line: string;
}

/** "-A CHAIN ..." lines of -S and iptables-save outputs, with the table they belong to. */
function savedRules(): SavedRule[] {
  const out: SavedRule[] = [];
  for (const name of fixtureNames()) {
    for (const step of loadFixture(name)) {
      if (!step.cmd || !step.stdout || step.rc !== 0) continue;
      const isSave = /^iptables(-nft)?-save/.test(step.cmd);
      if (!isSave && !/ (-S|--list-rules)\b/.test(step.cmd)) continue;
      let table = /-t (\w+)/.exec(step.cmd)?.[1] ?? 'filter';
      for (const line of step.stdout.split('\n')) {
        if (line.startsWith('*')) table = line.slice(1);
        const l = line.replace(/^\[\d+:\d+\] /, '');
        // iptables prints interface names unquoted: one with a space cannot be read back.
        if (/ (-[io]|--physdev-(in|out)) \S+ [a-z] /.test(`${l} `)) continue;
        if (l.startsWith('-A ') && !l.includes(' -c ')) out.push({ table, line: l });
      }
    }
  }
  return [...new Map(out.map((r) => [`${r.table} ${r.line}`, r])).values()];
}

function parseRule(table: string, line: string): { chain: string; spec: RuleSpec } {
  const outcome = parseIptables(['iptables', '-t', table, ...splitRestoreLine(line)]);
  if (outcome.kind !== 'command') throw new Error(`not a command: ${line}`);
  return { chain: outcome.command.chain as string, spec: outcome.command.specs[0] };
}

describe('rule specs round-trip through -S', () => {
  const rules = savedRules();

  it('finds a good sample of real rule lines', () => {
    expect(rules.length).toBeGreaterThan(150);
  });

  it('prints every real -S line back identically', () => {
    const wrong = rules.filter((r) => {
      const { chain, spec } = parseRule(r.table, r.line);
      return `-A ${chain}${saveSpec(spec)}` !== r.line;
    });
    expect(wrong).toEqual([]);
  });

  it('re-parses its own -S output to an equal spec', () => {
    const wrong = rules.filter((r) => {
      const first = parseRule(r.table, r.line);
      const again = parseRule(r.table, `-A ${first.chain}${saveSpec(first.spec)}`);
      return !sameRuleSpec(first.spec, again.spec);
    });
    expect(wrong).toEqual([]);
  });

  it('gives rules typed differently but meaning the same the same spec', () => {
    const pairs: [string, string][] = [
      ['-A INPUT -p tcp --dport 80 -j ACCEPT', '-A INPUT -p 6 -m tcp --destination-port http -j ACCEPT'],
      ['-A INPUT -m state --state ESTABLISHED,RELATED', '-A INPUT -m state --state related,established'],
      ['-A INPUT -m conntrack --ctstate NEW,INVALID', '-A INPUT -m conntrack --ctstate INVALID,NEW'],
      ['-A INPUT -p icmp --icmp-type echo-request', '-A INPUT -p icmp -m icmp --icmp-type 8'],
      ['-A INPUT -j MARK --set-mark 1', '-A INPUT -j MARK --set-xmark 0x1/0xffffffff'],
      ['-A INPUT -j MARK --or-mark 2', '-A INPUT -j MARK --set-xmark 2/2'],
      ['-A INPUT -s 10.1.2.3/255.255.0.0', '-A INPUT --source 10.1.0.0/16'],
      ['-A INPUT -p all -j LOG', '-A INPUT -j LOG --log-level warning'],
      ['-A INPUT -p tcp --dport 0:65535', '-A INPUT -p tcp -m tcp'],
      ['-A INPUT -m addrtype --src-type LOCAL,UNICAST', '-A INPUT -m addrtype --src-type unicast,loc'],
      ['-A INPUT -j REJECT', '-A INPUT -j REJECT --reject-with port-unreach'],
    ];
    for (const [a, b] of pairs) expect(sameRuleSpec(parseRule('filter', a).spec, parseRule('filter', b).spec), `${a} vs ${b}`).toBe(true);
  });
});
