import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { apiTypes, schemaFile } from '../../scripts/api-types.ts';

describe('web/src/api/schema.d.ts', () => {
  // Regenerates the types in memory (openapiTS + astToString over the routes' OpenAPI document, the same
  // code `npm run api:types` runs) so the committed file can never drift from the server.
  it("is what the server's OpenAPI document generates", async () => {
    const [committed, generated] = await Promise.all([readFile(schemaFile, 'utf8'), apiTypes()]);
    const committedLines = committed.split('\n');
    const firstDifference = generated.split('\n').findIndex((line, i) => line !== committedLines[i]);
    expect(
      committed === generated,
      `web/src/api/schema.d.ts is out of date with the server's API (first difference at line ${firstDifference + 1}). ` +
        'Run `npm run api:types` and commit the result.',
    ).toBe(true);
  }, 60_000);
});
