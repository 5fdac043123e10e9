import type { AppConfig } from '@rol/config';

/** The validated configuration, as a class token for Nest's injector. */
export class ApiConfig {
  constructor(readonly value: AppConfig) {}
}
