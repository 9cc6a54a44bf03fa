/**
 * Writes schema/case.schema.json from the case loader's zod schemas (src/cases/json-schema.ts).
 *
 *   npm run schema
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { caseJsonSchemaText } from '../src/cases/json-schema.js';

const target = fileURLToPath(new URL('./case.schema.json', import.meta.url));
writeFileSync(target, caseJsonSchemaText());
console.log(`wrote ${target}`);
