/**
 * docs/api.md from the contract: the hand-written part above GENERATED_MARKER is kept as it is; below it, one
 * section per resolver in the contract's order, with who may call it, its input fields and its answer.
 */
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { resolverInputs } from '../../src/contract/inputs';
import { PERMISSION_CACHE_MS } from '../../src/edge/callerCheck';
import { MAX_PAYLOAD_STRING } from '../../src/edge/payloadGuard';
import { RESOLVER_NAMES } from '../../src/edge/resolvers';
import { FORGE_LIMITS } from '../../src/platform/forgeLimits';
import { readAnswerShapes, type AnswerField, type AnswerShape } from './answerTypes';
import { readCallerRules, type CallerRule } from './callerRules';
import { readInputShape, type InputShape } from './inputFields';

export const API_DOC_PATH = 'docs/api.md';
export const GENERATED_MARKER =
  '<!-- Everything below is generated from src/contract: run `npm run docs:api`. -->';

/** The whole document: `handWritten` (the part above the marker) followed by the generated reference. */
export function renderApiDoc(repoRoot: string, handWritten: string): string {
  const answers = readAnswerShapes(repoRoot);
  const callers = readCallerRules(repoRoot);
  const sections = RESOLVER_NAMES.map((name) =>
    resolverSection(
      name,
      readInputShape(resolverInputs[name]),
      required(answers, name),
      required(callers, name),
    ),
  );
  const text = [handWritten.trimEnd(), GENERATED_MARKER, everyResolver(), ...sections].join('\n\n');
  return formatted(repoRoot, text);
}

/** The hand-written part of an existing docs/api.md: everything above the marker, or all of it. */
export function handWrittenPart(document: string): string {
  const at = document.indexOf(GENERATED_MARKER);
  return at === -1 ? document : document.slice(0, at);
}

/**
 * Prettier's CLI in a child process, with the repo's configuration: its API loads plugins by dynamic import, which
 * jest's module system refuses.
 */
function formatted(repoRoot: string, text: string): string {
  const cli = path.join(path.dirname(require.resolve('prettier/package.json')), 'bin/prettier.cjs');
  return execFileSync(process.execPath, [cli, '--stdin-filepath', API_DOC_PATH], {
    cwd: repoRoot,
    input: text,
    encoding: 'utf8',
  });
}

function required<T>(map: Map<string, T>, name: string): T {
  const value = map.get(name);
  if (value === undefined) throw new Error(`resolver ${name}: not found in the edge table or the answers`);
  return value;
}

function everyResolver(): string {
  const steps = [
    `1. refuses (\`forbidden\`) anyone Jira does not report as holding ADMINISTER when asked as the caller; the answer is reused for one account for ${PERMISSION_CACHE_MS / 1000} s;`,
    `2. refuses (\`invalid-input\`) a payload nested deeper than ${FORGE_LIMITS.kvs.maxValueDepth} levels, holding text longer than ${MAX_PAYLOAD_STRING} characters, or a key \`__proto__\`, \`constructor\` or \`prototype\`;`,
    '3. parses the payload with the resolver’s schema in `src/contract/inputs.ts` (fields below; the first problem names its field);',
    '4. runs the use case named below on the installed site, and answers its result as `{ ok: true, data }`.',
  ];
  return [
    '## Reference',
    'What the edge (`src/index.ts`, `src/edge/`) does for every resolver below, in this order:',
    steps.join('\n'),
    'Limits below are those the schema states; checks the schema makes in code (ISO dates, cursors this app issued, names given twice, `from` before `to`) are not listed.',
  ].join('\n\n');
}

function resolverSection(name: string, input: InputShape, answer: AnswerShape, caller: CallerRule): string {
  return [`### \`${name}\``, whoMayCall(caller), inputPart(input), answerPart(answer)].join('\n\n');
}

function whoMayCall(caller: CallerRule): string {
  const lines = [`Use case: \`${caller.useCase}\`.`, 'Who may call: a Jira administrator of the site'];
  if (caller.orgAdminOnly.length > 0) {
    lines[1] += `; only an org admin of the connected organization may ${caller.orgAdminOnly.join('; or ')}`;
  }
  lines[1] += '.';
  if (caller.receivesCaller) lines.push('The use case receives the caller’s account id.');
  return lines.join(' ');
}

function inputPart(input: InputShape): string {
  const unknown = input.strict ? ' Any other field is refused.' : '';
  if (input.fields.length === 0) return `Input: none (\`{}\`).${unknown}`;
  const rows = input.fields.map((field) =>
    row([
      `\`${field.name}\``,
      field.type,
      field.required ? 'required' : 'optional',
      [...field.limits, ...(field.description ? [field.description] : [])].join('; '),
    ]),
  );
  return [
    `Input${input.strict ? ' (any other field is refused)' : ''}:`,
    '',
    row(['field', 'type', 'required', 'limits']),
    row(['---', '---', '---', '---']),
    ...rows,
  ].join('\n');
}

function answerPart(answer: AnswerShape): string {
  const head = `Answer: \`${answer.written}\``;
  const variants = answer.variants.filter((fields) => fields.length > 0);
  const [only] = variants;
  if (!only) return `${head}.`;
  if (variants.length === 1)
    return [`${head}, with:`, '', ...only.map((f) => `- \`${field(f)}\``)].join('\n');
  const described = variants.map((fields) => `- \`{ ${fields.map(field).join('; ')} }\``);
  return [`${head}, one of:`, '', ...described].join('\n');
}

function field(answerField: AnswerField): string {
  const type = answerField.optional ? answerField.type.replace(/ \| undefined$/, '') : answerField.type;
  return `${answerField.name}${answerField.optional ? '?' : ''}: ${type}`;
}

function row(cells: string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
}
