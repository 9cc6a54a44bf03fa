import { writeFileSync } from 'node:fs';
import { readCertificate } from '../src/report/read.js';
import { buildPage } from '../src/report/page.js';
const files = process.argv.slice(2);
const parts: string[] = [];
for (const f of files) {
  const page = buildPage(readCertificate(f));
  for (const t of page.theorems) for (const s of t.steps) for (const fig of s.figures) if (!fig.sameAs) parts.push(`<h3>${f} ${t.result.theorem} ${s.result.id} ${fig.figure.kind}</h3>${fig.figure.svg}`);
}
writeFileSync('/tmp/gallery.html', `<!DOCTYPE html><html><body style="width:700px">${parts.join('\n')}</body></html>`);
console.log(parts.length);
