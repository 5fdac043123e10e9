import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptRequestId, httpLoggingOptions } from './logging';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the request id rule', () => {
  it.each(['e2e-trace-abc123', 'a', 'A.b_c:d-9', 'x'.repeat(128), '0f8fad5b-d9cb-469f-a165-70867728950e'])('keeps an acceptable X-Request-Id: %s', (id) => {
    expect(acceptRequestId(id)).toBe(id);
  });

  it.each([
    ['empty', ''],
    ['too long', 'x'.repeat(129)],
    ['a space', 'a b'],
    ['a newline (a forged log line)', 'ok\n{"level":"info"}'],
    ['a quote', 'a"b'],
    ['a slash', 'a/b'],
    ['non-ASCII', '请求'],
    ['repeated header (an array)', ['a', 'b']],
    ['absent', undefined],
  ])('replaces one with %s by a new UUID', (_what, header) => {
    const id = acceptRequestId(header);
    expect(id).toMatch(UUID);
    expect(id).not.toBe(header);
  });

  it('gives each request without an acceptable id its own', () => {
    expect(acceptRequestId(undefined)).not.toBe(acceptRequestId(undefined));
  });

  it('is what pino-http takes as the request id, echoed in the X-Request-Id response header', () => {
    const genReqId = httpLoggingOptions('info').genReqId!;
    const answer = (header: string | undefined) => {
      const set: Record<string, unknown> = {};
      const res = { setHeader: (name: string, value: unknown) => (set[name.toLowerCase()] = value) } as unknown as ServerResponse;
      const id = genReqId({ headers: header === undefined ? {} : { 'x-request-id': header } } as IncomingMessage, res);
      return { id, echoed: set['x-request-id'] };
    };
    expect(answer('trace-1')).toEqual({ id: 'trace-1', echoed: 'trace-1' });
    const replaced = answer('bad id\r\n');
    expect(replaced.id).toMatch(UUID);
    expect(replaced.echoed).toBe(replaced.id);
  });
});
