import fs from 'node:fs';
import path from 'node:path';

const decisionsDir = path.resolve(__dirname, '../../docs/decisions');
const adrFiles = fs.readdirSync(decisionsDir).filter((file) => /^\d{4}-.+\.md$/.test(file));
const TEMPLATE_SECTIONS = ['Context', 'Options', 'Decision', 'Consequences'];

describe('architecture decision records', () => {
  it.each(adrFiles)('%s has the sections Context, Options, Decision and Consequences', (file) => {
    const headings = fs
      .readFileSync(path.join(decisionsDir, file), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('## '))
      .map((line) => line.slice(3).trim());
    expect(TEMPLATE_SECTIONS.filter((section) => !headings.includes(section))).toEqual([]);
  });

  it('are each listed in the index, docs/decisions/README.md', () => {
    const index = fs.readFileSync(path.join(decisionsDir, 'README.md'), 'utf8');
    expect(adrFiles.filter((file) => !index.includes(`](${file})`))).toEqual([]);
  });
});
