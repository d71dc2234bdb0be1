/**
 * CPU time from Linux /proc, for the benchmarks' per-request and per-update figures: per process it
 * varies far less than latency when other work shares the cores. Off Linux the readings are null or empty.
 */
import { readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 10; // /proc times are in clock ticks of 1/100 s on Linux

/** utime + stime of a /proc/<pid>/stat line, in ms (fields 14 and 15, 12 and 13 after the command). */
function statMs(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** CPU ms a process (all its threads) has used so far, or null when it cannot be read. */
export function processCpuMs(pid: number): number | null {
  try {
    return statMs(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

export type Service = 'postgres' | 'redis';

/**
 * CPU ms so far of every process named `postgres` or `redis-server` (whoever's), by pid, and the machine's.
 * By pid, so that a process ending during a step (another session's Postgres backend) takes only its own
 * time with it.
 */
export function systemCpu() {
  const processes = new Map<string, { service: Service; ms: number }>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const service = comm === 'postgres' ? 'postgres' : comm.startsWith('redis-server') ? 'redis' : null;
    if (service) processes.set(pid, { service, ms: statMs(stat) });
  }
  const [, ...times] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = times.map(Number) as number[];
  const machineBusy = (user! + nice! + system! + irq! + softirq! + steal!) * TICK_MS;
  return { processes, machineBusy, machineAll: machineBusy + (idle! + iowait!) * TICK_MS };
}

/** CPU ms `service` used between two `systemCpu()` readings (a process started meanwhile: all of its time). */
export function serviceCpu(
  before: ReturnType<typeof systemCpu>,
  after: ReturnType<typeof systemCpu>,
  service: Service,
) {
  let ms = 0;
  for (const [pid, p] of after.processes) {
    if (p.service === service) ms += p.ms - (before.processes.get(pid)?.ms ?? 0);
  }
  return ms;
}
