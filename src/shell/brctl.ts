import { formatMac } from '../engine/addr/mac.ts';
import { Bridge } from '../engine/net/bridge.ts';
import type { Command } from './context.ts';

/** bridge-utils' `brctl show` (the listing only: bridges are made with `ip link`). */
export const brctlCommand: Command = (ctx, argv) => {
  const sub = argv[1] ?? '';
  if (sub !== 'show') {
    if (sub === 'addbr' || sub === 'delbr' || sub === 'addif' || sub === 'delif') {
      ctx.err(`brctl ${sub}: use "ip link" in this simulator (e.g. ip link add NAME type bridge, ip link set DEV master NAME)\n`);
      return 1;
    }
    ctx.err(`never heard of command [${sub}]\nUsage: brctl [commands]\n`);
    return 1;
  }
  let bridges = [...ctx.ns.devices.values()].filter((d): d is Bridge => d instanceof Bridge).sort((a, b) => a.name.localeCompare(b.name));
  const wanted = argv.slice(2);
  for (const w of wanted) {
    if (!bridges.some((b) => b.name === w)) {
      ctx.err(`bridge ${w} does not exist!\n`);
      return 1;
    }
  }
  if (wanted.length) bridges = bridges.filter((b) => wanted.includes(b.name));
  if (bridges.length === 0) return 0;
  ctx.out('bridge name\tbridge id\t\tSTP enabled\tinterfaces\n');
  for (const b of bridges) {
    const id = b.ports.length > 0 ? formatMac(b.mac).replace(/:/g, '') : '000000000000';
    const ports = b.ports.map((p) => p.name).sort();
    ctx.out(`${b.name}\t\t8000.${id}\tno\t\t${ports[0] ?? ''}\n`);
    for (const p of ports.slice(1)) ctx.out(`\t\t\t\t\t\t\t${p}\n`);
  }
  return 0;
};
