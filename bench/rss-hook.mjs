// Loaded with `node --import`: writes the process's peak RSS (KB) to $REVHEALTH_RSS_FILE at exit.
import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  if (process.env.REVHEALTH_RSS_FILE) writeFileSync(process.env.REVHEALTH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
