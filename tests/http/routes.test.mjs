// Every route of the table (as published in the OpenAPI document) is exercised by some test file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, Client, root } from '../lib/harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); srv.cleanup(); });

test('every route in the table has a test that requests it', async () => {
  const doc = (await new Client(srv.url).get('/api/v1/openapi.json')).json;
  let sources = '';
  for (const d of ['http', 'browser']) {
    const dir = join(root, 'tests', d);
    for (const f of readdirSync(dir)) if (f.endsWith('.mjs')) sources += readFileSync(join(dir, f), 'utf8');
  }
  const missing = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    // A path with {params} is found by its fixed part, e.g. "/admin/users/" + "/disable".
    const parts = path.split(/\{[^}]+\}/).filter((p) => p.length > 1);
    const found = parts.every((p) => sources.includes(p.replace(/\/$/, '')));
    if (!found) missing.push(`${Object.keys(item).join(',')} ${path}`);
  }
  assert.deepEqual(missing, []);
});
