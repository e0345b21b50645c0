import { type Ipv4, formatIpv4, parseIpv4 } from '../engine/addr/ipv4.ts';
import { type IpvsService, ipvsOf } from '../engine/netfilter/ipvs.ts';
import { IpProto } from '../engine/wire/ipv4.ts';
import type { Command } from './context.ts';

/** `ipvsadm`: virtual services (-A/-D), real servers (-a/-d), -C, and -L -n. */
export const ipvsadmCommand: Command = (ctx, argv) => {
  const ipvs = ipvsOf(ctx.ns);
  let cmd: string | null = null;
  let svc: { fwmark: number | null; proto: number | null; addr: Ipv4 | null; port: number } | null = null;
  let real: { addr: Ipv4; port: number } | null = null;
  let weight = 1;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (/^-[ADaedCLl]+n?$/.test(a) && cmd === null) {
      cmd = a.replace('n', '');
      continue;
    }
    if (a === '-n' || a === '--numeric' || a === '-m' || a === '--masquerading' || a === '-s' || a === '--scheduler') {
      if (a === '-s' || a === '--scheduler') {
        const sch = argv[++i];
        if (sch !== 'rr') {
          ctx.err(`Scheduler not found: ip_vs_${sch}.ko\n`);
          return 2;
        }
      }
      continue;
    }
    if (a === '-t' || a === '-u') {
      const m = /^(\d+\.\d+\.\d+\.\d+):(\d+)$/.exec(argv[++i] ?? '');
      if (!m) {
        ctx.err('Illegal virtual server address[:port] specified\n');
        return 2;
      }
      svc = { fwmark: null, proto: a === '-t' ? IpProto.TCP : IpProto.UDP, addr: parseIpv4(m[1]), port: Number(m[2]) };
    } else if (a === '-f') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v <= 0) {
        ctx.err('Illegal virtual server firewall-mark specified\n');
        return 2;
      }
      svc = { fwmark: v, proto: null, addr: null, port: 0 };
    } else if (a === '-r') {
      const m = /^(\d+\.\d+\.\d+\.\d+)(?::(\d+))?$/.exec(argv[++i] ?? '');
      const ip = m ? parseIpv4(m[1]) : null;
      if (!m || ip === null) {
        ctx.err('Illegal real server address[:port] specified\n');
        return 2;
      }
      real = { addr: ip, port: Number(m[2] ?? 0) };
    } else if (a === '-w') weight = Number(argv[++i]);
    else {
      ctx.err(`ipvsadm: invalid option -- '${a.replace(/^-+/, '')}'\n`);
      return 2;
    }
  }
  const same = (s: IpvsService): boolean => svc !== null && s.fwmark === svc.fwmark && s.addr === svc.addr && s.port === svc.port && s.proto === svc.proto;
  switch (cmd) {
    case '-A':
      if (!svc) return usage(ctx);
      if (ipvs.services.some(same)) {
        ctx.err('Service already exists\n');
        return 255;
      }
      ipvs.services.push({ ...svc, scheduler: 'rr', reals: [], next: 0 });
      return 0;
    case '-D': {
      const i = ipvs.services.findIndex(same);
      if (i < 0) {
        ctx.err('No such service\n');
        return 255;
      }
      ipvs.services.splice(i, 1);
      return 0;
    }
    case '-a':
    case '-d': {
      const s = ipvs.services.find(same);
      if (!s || !real) {
        ctx.err(s ? 'Illegal real server address[:port] specified\n' : 'No such service\n');
        return 255;
      }
      const at = s.reals.findIndex((r) => r.addr === real!.addr && r.port === real!.port);
      if (cmd === '-a') {
        if (at >= 0) {
          ctx.err('Destination already exists\n');
          return 255;
        }
        s.reals.push({ ...real, weight });
      } else {
        if (at < 0) {
          ctx.err('No such destination\n');
          return 255;
        }
        s.reals.splice(at, 1);
      }
      return 0;
    }
    case '-C':
      ipvs.services.length = 0;
      return 0;
    case '-L':
    case '-l':
    case null: {
      let out = 'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n';
      for (const s of ipvs.services) {
        out += s.fwmark !== null ? `FWM  ${s.fwmark} ${s.scheduler}\n` : `${s.proto === IpProto.TCP ? 'TCP' : 'UDP'}  ${formatIpv4(s.addr ?? 0)}:${s.port} ${s.scheduler}\n`;
        for (const r of s.reals) {
          const [act, inact] = ipvs.connCounts(s, r);
          out += `  -> ${`${formatIpv4(r.addr)}:${r.port}`.padEnd(29)} Masq    ${String(r.weight).padEnd(6)} ${String(act).padEnd(10)} ${inact}\n`;
        }
      }
      ctx.out(out);
      return 0;
    }
    default:
      return usage(ctx);
  }
};

function usage(ctx: Parameters<Command>[0]): number {
  ctx.err('ipvsadm: one of -A, -D, -a, -d, -C or -L is required\n');
  return 2;
}
