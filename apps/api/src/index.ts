export { createApp, migrate } from './app.factory';
export { Clock, SystemClock } from './common/clock';
