import { it } from 'vitest';
import { makeSampleReport } from './sample-report.js';
it('probe', () => {
  const r = makeSampleReport();
  console.log(JSON.stringify(r.grades.overall), r.grades.areas.map(a => `${a.area} ${a.grade} ${a.score}`).join('; '));
  console.log(r.rules.map(x => `${x.id}:${x.status}`).join(' '));
  console.log(JSON.stringify(r.comparison?.regressions), JSON.stringify(r.comparison?.overall));
});
