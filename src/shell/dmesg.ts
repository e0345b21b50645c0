import { SEC } from '../engine/sim/scheduler.ts';
import type { Command } from './context.ts';

/** util-linux `dmesg`: the kernel log, with the virtual time since boot. `-c`/`-C` clear it. */
export const dmesgCommand: Command = (ctx, argv) => {
  const log = ctx.kernel.log;
  const clear = argv.includes('-C') || argv.includes('--clear');
  const readClear = argv.includes('-c') || argv.includes('--read-clear');
  if (!clear) {
    for (const { t, text } of log) {
      const secs = Math.floor(t / SEC);
      const usecs = Math.floor((t % SEC) / 1000);
      ctx.out(`[${String(secs).padStart(5)}.${String(usecs).padStart(6, '0')}] ${text}\n`);
    }
  }
  if (clear || readClear) log.length = 0;
  return 0;
};
