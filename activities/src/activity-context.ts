import { Context } from '@temporalio/activity';

/**
 * Heartbeat and log for activities that a test may also call directly, outside an activity (then
 * there is nobody to tell, and these do nothing).
 */
export function heartbeat(details: unknown): void {
  try {
    Context.current().heartbeat(details);
  } catch {
    // not running as an activity
  }
}

export function activityLog(level: 'info' | 'warn', message: string, attrs: Record<string, unknown>): void {
  try {
    Context.current().log[level](message, attrs);
  } catch {
    // not running as an activity
  }
}
