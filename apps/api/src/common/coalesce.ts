/**
 * Shares one run of an expensive read among the callers that ask for the same key at the same time,
 * without ever answering from before the call: a caller that arrives while a run is in flight waits
 * for the next run, which starts when that one ends and serves everyone who arrived meanwhile. So a
 * read after a write sees the write (nothing is cached), and however many requests come in, at most
 * one run per key is in flight and one queued behind it.
 */
export class Coalescer<T> {
  private readonly running = new Map<string, Promise<T>>();
  private readonly queued = new Map<string, Promise<T>>();

  run(key: string, compute: () => Promise<T>): Promise<T> {
    const queued = this.queued.get(key);
    if (queued) return queued;
    const running = this.running.get(key);
    if (!running) return this.start(key, compute);
    const next = running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      this.queued.delete(key);
      return this.start(key, compute);
    });
    this.queued.set(key, next);
    return next;
  }

  private start(key: string, compute: () => Promise<T>): Promise<T> {
    const run = compute().finally(() => {
      if (this.running.get(key) === run) this.running.delete(key);
    });
    this.running.set(key, run);
    return run;
  }
}
