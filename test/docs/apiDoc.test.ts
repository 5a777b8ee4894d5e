import fs from 'node:fs';
import path from 'node:path';
import { resolverInputs } from '../../src/contract/inputs';
import {
  API_DOC_PATH,
  GENERATED_MARKER,
  handWrittenPart,
  renderApiDoc,
} from '../../scripts/apiDoc/renderApiDoc';

const repoRoot = path.resolve(__dirname, '../..');
const committed = fs.readFileSync(path.join(repoRoot, API_DOC_PATH), 'utf8');

describe('docs/api.md', () => {
  it('is what the generator writes from the contract (run `npm run docs:api` after changing it)', () => {
    const generated = renderApiDoc(repoRoot, handWrittenPart(committed));
    expect(
      committed === generated ? 'docs/api.md is up to date' : 'docs/api.md is stale: run npm run docs:api',
    ).toBe('docs/api.md is up to date');
  });

  it('keeps its hand-written part above the generated reference', () => {
    expect(committed.indexOf(GENERATED_MARKER)).toBeGreaterThan(0);
  });

  it('has a section for every resolver of the contract', () => {
    const sections = [...committed.matchAll(/^### `(\w+)`$/gm)].map((match) => match[1]);
    expect(sections).toEqual(Object.keys(resolverInputs));
  });
});
