import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { openApiDocument } from '../../src/cli/openapi.ts';

/** Where the generated API types live; committed, so the web app builds without the server. */
export const schemaFile = fileURLToPath(new URL('../src/api/schema.d.ts', import.meta.url));

const header = `/**
 * Generated from the server's OpenAPI document (src/cli/openapi.ts) by openapi-typescript. Do not edit:
 * run \`npm run api:types\` after changing an API schema. web/src/api/schema.unit.test.ts fails while this
 * file differs from what the server's routes describe.
 */

`;

/** The TypeScript of web/src/api/schema.d.ts for the server's current OpenAPI document. */
export async function apiTypes(document: OpenAPI3 = openApiDocument() as OpenAPI3): Promise<string> {
  const ast = await openapiTS(document, { silent: true });
  return header + astToString(ast);
}

// `npm run api:types` writes the file; importing this module (the drift test does) writes nothing.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeFile(schemaFile, await apiTypes());
  console.log(`Wrote ${path.relative(process.cwd(), schemaFile)}`);
}
