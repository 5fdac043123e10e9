import { withRequestId } from '@rol/contracts';
import { createLogger, requestIdActivityInterceptor, temporalLogger } from './logging';

function capture() {
  const raw: string[] = [];
  return { write: (line: string) => void raw.push(line), lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("the worker's logging", () => {
  it("writes the Temporal SDK's lines in the API's shape, at the logger's level, without task tokens", () => {
    const out = capture();
    const sdk = temporalLogger(createLogger('info', out));
    sdk.debug('not at info');
    sdk.info('Activity completed', { sdkComponent: 'activity', activityType: 'recordTaskCompletion', taskToken: 'c2VjcmV0', requestId: 'r-1' });
    sdk.log('WARN', 'core said', { sdkComponent: 'core' });
    expect(out.lines()).toEqual([
      { level: 'info', time: expect.any(String), service: 'worker', sdkComponent: 'activity', activityType: 'recordTaskCompletion', requestId: 'r-1', msg: 'Activity completed' },
      { level: 'warn', time: expect.any(String), service: 'worker', sdkComponent: 'core', msg: 'core said' },
    ]);
    expect(Date.parse(out.lines()[0].time as string)).not.toBeNaN();
  });

  it("adds the request id of the activity's headers to its log attributes, and nothing without one", async () => {
    const attributesAfter = async (headers: Parameters<typeof withRequestId>[0]) => {
      const { inbound, outbound } = requestIdActivityInterceptor({} as never);
      await inbound!.execute!({ args: [], headers }, async () => undefined);
      return outbound!.getLogAttributes!({ activityType: 'x' }, (a) => a);
    };
    expect(await attributesAfter(withRequestId({}, 'e2e-trace-1'))).toEqual({ activityType: 'x', requestId: 'e2e-trace-1' });
    expect(await attributesAfter({})).toEqual({ activityType: 'x' });
  });
});
