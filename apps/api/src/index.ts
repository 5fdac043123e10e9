export { createApp, migrate } from './app.factory';
