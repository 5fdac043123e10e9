import type { ChildProcess } from 'node:child_process';

export default async function globalTeardown(): Promise<void> {
  const children = (globalThis as { __stackChildren?: ChildProcess[] }).__stackChildren ?? [];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
