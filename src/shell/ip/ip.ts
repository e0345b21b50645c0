import { matches } from '../argv.ts';
import type { Command } from '../context.ts';
import { type IpCtx, EXIT_PARSE } from './common.ts';
import { ipLink } from './link.ts';
import { ipAddr } from './addr.ts';
import { ipRoute } from './route.ts';
import { ipNeigh } from './neigh.ts';
import { ipNetns } from './netns.ts';

/** The objects `ip` knows, in iproute2's table order: a prefix picks the first that matches. */
const OBJECTS: [string, ((ctx: IpCtx, argv: string[]) => number) | null][] = [
  ['address', ipAddr],
  ['addrlabel', null],
  ['maddress', null],
  ['route', ipRoute],
  ['rule', null],
  ['neighbor', ipNeigh],
  ['neighbour', ipNeigh],
  ['ntable', null],
  ['link', ipLink],
  ['l2tp', null],
  ['fou', null],
  ['tunnel', null],
  ['tuntap', null],
  ['monitor', null],
  ['xfrm', null],
  ['mroute', null],
  ['netns', ipNetns],
  ['netconf', null],
  ['vrf', null],
  ['nexthop', null],
  ['help', null],
];

const USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | stats | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

/** iproute2's `ip`. */
export const ipCommand: Command = (base, argv) => {
  const ctx: IpCtx = { ...base, opts: { details: false, stats: false, family4: false, brief: false, oneline: false } };
  let i = 1;
  for (; i < argv.length && argv[i].startsWith('-'); i++) {
    let opt = argv[i].slice(1);
    if (opt.startsWith('-')) opt = opt.slice(1);
    if (opt === '') break;
    if (matches(opt, 'netns') || opt === 'n') {
      const name = argv[++i];
      if (name === undefined) {
        ctx.err('No netns name specified\n');
        return EXIT_PARSE;
      }
      const ns = ctx.kernel.netns.get(name);
      if (!ns) {
        ctx.err(`Cannot open network namespace "${name}": No such file or directory\n`);
        return EXIT_PARSE;
      }
      ctx.ns = ns;
    } else if (matches(opt, 'details')) ctx.opts.details = true;
    else if (matches(opt, 'statistics') || opt === 's') ctx.opts.stats = true;
    else if (opt === '4') ctx.opts.family4 = true;
    else if (matches(opt, 'brief') && opt.length >= 2) ctx.opts.brief = true;
    else if (matches(opt, 'oneline')) ctx.opts.oneline = true;
    else if (matches(opt, 'color') || matches(opt, 'numeric') || matches(opt, 'resolve') || matches(opt, 'human-readable') || opt === 'c') continue;
    else if (opt === 'f' || matches(opt, 'family')) {
      const fam = argv[++i];
      if (fam === 'inet') ctx.opts.family4 = true;
    } else if (matches(opt, 'help') || opt === 'h') {
      ctx.err(USAGE);
      return EXIT_PARSE;
    } else if (matches(opt, 'Version') || opt === 'V') {
      ctx.out('ip utility, iproute2-6.1.0, libbpf 1.1.0\n');
      return 0;
    } else {
      ctx.err(`Option "${argv[i]}" is unknown, try "ip -help".\n`);
      return EXIT_PARSE;
    }
  }
  const obj = argv[i];
  if (obj === undefined) {
    ctx.err(USAGE);
    return EXIT_PARSE;
  }
  const entry = OBJECTS.find(([name]) => matches(obj, name));
  if (!entry) {
    ctx.err(`Object "${obj}" is unknown, try "ip help".\n`);
    return 1;
  }
  const [name, fn] = entry;
  if (name === 'help') {
    ctx.err(USAGE);
    return EXIT_PARSE;
  }
  if (!fn) {
    ctx.err(`ip ${name}: not available in this simulator (iproute2 has it; this kernel models link, address, route, neighbour and netns).\n`);
    return 1;
  }
  return fn(ctx, argv.slice(i + 1));
};
