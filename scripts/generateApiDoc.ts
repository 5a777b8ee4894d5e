/** Writes docs/api.md from the contract (`npm run docs:api`), keeping the hand-written part above the marker. */
import fs from 'node:fs';
import path from 'node:path';
import { API_DOC_PATH, handWrittenPart, renderApiDoc } from './apiDoc/renderApiDoc';

function main(): void {
  const repoRoot = path.resolve(__dirname, '..');
  const file = path.join(repoRoot, API_DOC_PATH);
  const document = renderApiDoc(repoRoot, handWrittenPart(fs.readFileSync(file, 'utf8')));
  fs.writeFileSync(file, document);
  console.log(`wrote ${API_DOC_PATH}`);
}

main();
