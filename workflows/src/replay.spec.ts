/**
 * Replay-safe workflows: every saved history in test/histories (recorded from real runs by
 * `npm run record-histories`) replays with the worker's own workflow bundle. A change to workflow code
 * that would make a running workflow issue other commands than its history recorded fails here with a
 * determinism error: such a change goes through `patched()` (README, "Changing workflow code").
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from '@temporalio/worker';
import { testWorkflowBundle } from '../test/bundle';
import { historyFromJson } from '../test/history-json';
import * as workflows from './index';

const HISTORIES_DIR = path.join(__dirname, '..', '..', 'test', 'histories');

interface SavedHistory {
  file: string;
  workflowType: string;
  history: { events: { workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } } }[] };
}

function loadHistories(): SavedHistory[] {
  return fs
    .readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const history = JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')) as SavedHistory['history'];
      const workflowType = history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
      if (!workflowType) throw new Error(`${file}: not a workflow history (its first event is not WorkflowExecutionStarted)`);
      return { file, workflowType, history };
    });
}

describe('replay of the saved histories', () => {
  const saved = loadHistories();

  it('every workflow type the worker runs has at least one saved history, and every history is of one of them', () => {
    const types = Object.keys(workflows).sort();
    expect(types.length).toBeGreaterThan(0);
    expect(types.filter((t) => !saved.some((s) => s.workflowType === t))).toEqual([]);
    expect(saved.filter((s) => !types.includes(s.workflowType)).map((s) => s.file)).toEqual([]);
  });

  it('every saved history replays with the worker\'s workflow bundle without a determinism error', async () => {
    const workflowBundle = await testWorkflowBundle();
    const outcomes: { file: string; error: string | null }[] = [];
    const replays = Worker.runReplayHistories(
      { workflowBundle },
      saved.map((s) => ({ workflowId: s.file.replace(/\.json$/, ''), history: historyFromJson(s.history) })),
    );
    for await (const result of replays) {
      outcomes.push({ file: `${result.workflowId}.json`, error: result.error ? `${result.error.name}: ${result.error.message}` : null });
    }
    expect(outcomes.filter((o) => o.error !== null)).toEqual([]);
    expect(outcomes.map((o) => o.file)).toEqual(saved.map((s) => s.file));
  });
});
