import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The OpenAPI document names each schema after its class: two classes of one name would silently become one schema. */
describe('DTO class names', () => {
  it('are unique across the API', () => {
    const files = (readdirSync(join(__dirname, '..'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    const seen = new Map<string, string[]>();
    for (const file of files) {
      for (const [, name] of readFileSync(join(__dirname, '..', file), 'utf8').matchAll(/export class (\w+Dto)\b/g)) seen.set(name, [...(seen.get(name) ?? []), file]);
    }
    expect(seen.size).toBeGreaterThan(30);
    expect([...seen].filter(([, where]) => where.length > 1)).toEqual([]);
  });
});
