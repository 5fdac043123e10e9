/**
 * The API's "now", injected where a rule compares with the time (windows, deadlines, overdue
 * flags). In production the system clock; the whole-year rehearsal passes the time-skipping
 * Temporal server's time, so the API and the workflows agree on what day it is.
 */
export abstract class Clock {
  abstract now(): number;
}

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}
