import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

export default async function globalTeardown(): Promise<void> {
  if (process.env.TEST_WORKFLOW_BUNDLE) rmSync(dirname(process.env.TEST_WORKFLOW_BUNDLE), { recursive: true, force: true });
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
