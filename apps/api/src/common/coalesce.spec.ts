import { Coalescer } from './coalesce';

/** A compute whose runs the test ends by hand, recording when each started. */
function gated() {
  const runs: { started: number; end(value: string): void; fail(err: Error): void }[] = [];
  let clock = 0;
  const compute = () =>
    new Promise<string>((resolve, reject) => {
      runs.push({ started: clock, end: resolve, fail: reject });
    });
  return { runs, compute, tick: () => ++clock };
}
const flush = () => new Promise((r) => setImmediate(r));

describe('Coalescer', () => {
  it('runs once for callers that arrive together, and again for callers that arrive during a run', async () => {
    const c = new Coalescer<string>();
    const { runs, compute, tick } = gated();
    const first = c.run('k', compute);
    tick();
    const during = [c.run('k', compute), c.run('k', compute)];
    expect(runs).toHaveLength(1); // the late callers wait for the next run, not this one
    runs[0].end('before');
    expect(await first).toBe('before');
    await flush();
    expect(runs).toHaveLength(2);
    expect(runs[1].started).toBe(1); // started after the late callers arrived: it sees what they wrote
    runs[1].end('after');
    expect(await Promise.all(during)).toEqual(['after', 'after']);
  });

  it('keeps keys apart, and a failed run does not stop the next', async () => {
    const c = new Coalescer<string>();
    const { runs, compute } = gated();
    const a = c.run('a', compute);
    const b = c.run('b', compute);
    expect(runs).toHaveLength(2);
    const aAgain = c.run('a', compute);
    runs[0].fail(new Error('down'));
    await expect(a).rejects.toThrow('down');
    await flush();
    runs[2].end('a2');
    runs[1].end('b1');
    expect(await aAgain).toBe('a2');
    expect(await b).toBe('b1');
    const later = c.run('a', compute); // nothing in flight: a fresh run at once
    expect(runs).toHaveLength(4);
    runs[3].end('a3');
    expect(await later).toBe('a3');
  });
});
