/**
 * The short fault-injection run (`npm run chaos -- --short`): 20 departments through stages 1–5
 * while the worker is SIGKILLed four times and the Temporal server and PostgreSQL are each killed and
 * started again; then nothing may be lost or duplicated, and every client must have had a truthful
 * answer. The full run (300 departments, 22 faults) and its figures are in docs/chaos.md.
 */
import { SHORT, runChaos } from '../scripts/chaos';

describe('fault injection, short (e2e)', () => {
  it('loses nothing, doubles nothing and tells every client the truth while its parts are killed', async () => {
    const report = await runChaos({ ...SHORT, log: () => undefined });
    if (report.problems.length > 0) console.error(JSON.stringify(report, null, 2));
    expect(report.problems).toEqual([]);
    expect(report.faults.map((f) => f.kind).sort()).toEqual(['postgres', 'temporal', 'worker', 'worker', 'worker', 'worker']);
    expect(report.counts).toMatchObject({ 'tasks completed': 60, 'letters issued': 20, 'distinct 文号': 20, 'audit rows doubled': 0, 'workflows failed, terminated or timed out': 0 });
  }, 15 * 60_000);
});
