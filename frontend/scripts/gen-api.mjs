// Generates src/api/schema.d.ts from the backend's OpenAPI document with
// openapi-typescript, which lives in ./tools (it needs typescript 5 and is kept
// apart from the SPA's toolchain).
//
//   node scripts/gen-api.mjs            regenerate src/api/schema.d.ts
//   node scripts/gen-api.mjs --check    fail if the committed file is stale
//
// CRM_OPENAPI overrides the input document (default ../openapi/openapi.json).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(root, process.env.CRM_OPENAPI ?? '../openapi/openapi.json');
const committed = join(root, 'src/api/schema.d.ts');
const bin = join(root, 'tools/node_modules/.bin/openapi-typescript');
const check = process.argv.includes('--check');

if (!existsSync(bin)) {
  console.error(`openapi-typescript is not installed: run "npm ci --prefix tools" first`);
  process.exit(2);
}
if (!existsSync(input)) {
  console.error(`OpenAPI document not found: ${input}`);
  process.exit(2);
}

function generate(output) {
  execFileSync(bin, [input, '--output', output, '--root-types', '--root-types-no-schema-prefix'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

if (!check) {
  generate(committed);
  console.log(`wrote ${committed}`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'crm-gen-api-'));
  try {
    const fresh = join(dir, 'schema.d.ts');
    generate(fresh);
    const want = readFileSync(fresh, 'utf8');
    const have = existsSync(committed) ? readFileSync(committed, 'utf8') : '';
    if (want !== have) {
      console.error(
        'src/api/schema.d.ts is stale: it differs from what openapi-typescript generates from ' +
          `${input}. Run "npm run gen:api" and commit the result.`,
      );
      process.exit(1);
    }
    console.log('src/api/schema.d.ts is up to date');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
