// Loaded with `node --import`: writes the process's peak RSS (KB) to $REVHEALTH_RSS_FILE at exit.
// On Linux the peak is VmHWM from /proc/self/status (this process's own address space, worker
// threads included): getrusage's maxRSS is not, since Linux carries it over from the parent
// across fork and exec, so a child of a 330 MB test runner reads at least 330 MB whatever it uses.
import { readFileSync, writeFileSync } from 'node:fs';

function peakKb() {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux: getrusage's figure
  }
  return process.resourceUsage().maxRSS;
}

process.on('exit', () => {
  if (process.env.REVHEALTH_RSS_FILE) writeFileSync(process.env.REVHEALTH_RSS_FILE, String(peakKb()));
});
