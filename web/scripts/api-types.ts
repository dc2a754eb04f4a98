import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Where the generated API types live; committed, so the web app builds without the server. */
export const schemaFile = path.join(root, 'web/src/api/schema.d.ts');

const header = `/**
 * Generated from the server's OpenAPI document (src/cli/openapi.ts) by openapi-typescript. Do not edit:
 * run \`npm run api:types\` after changing an API schema. web/src/api/schema.unit.test.ts fails while this
 * file differs from what the server's routes describe.
 */

`;

/**
 * The server's OpenAPI document, as `npm run api:doc` prints it. The web side reads the document only,
 * never server modules: the app talks to the server over HTTP, and its types come from the contract.
 */
export async function serverDocument(): Promise<OpenAPI3> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/openapi.ts'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as OpenAPI3;
}

/** The TypeScript of web/src/api/schema.d.ts for an OpenAPI document (the server's by default). */
export async function apiTypes(document?: OpenAPI3): Promise<string> {
  const ast = await openapiTS(document ?? (await serverDocument()), { silent: true });
  return header + astToString(ast);
}

// `npm run api:types` writes the file; importing this module (the drift test does) writes nothing.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeFile(schemaFile, await apiTypes());
  console.log(`Wrote ${path.relative(process.cwd(), schemaFile)}`);
}
