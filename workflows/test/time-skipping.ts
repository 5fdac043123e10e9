import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '@rol/contracts';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { resolveTestServer } = require('../../scripts/temporal.js') as { resolveTestServer(): { path: string } | undefined };

const TYPES = {
  Keyword: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Int: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  Bool: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
};

/**
 * The time-skipping test server from env/PATH/.tools (the SDK's download as a last resort),
 * with our custom search attributes registered, as on every server the project starts.
 */
export async function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  const binary = resolveTestServer();
  const env = await TestWorkflowEnvironment.createTimeSkipping(
    binary ? { server: { executable: { type: 'existing-path', path: binary.path } } } : {},
  );
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => [name, TYPES[type]])),
  });
  return env;
}
