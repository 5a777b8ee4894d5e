/**
 * Who may call each resolver beyond the edge's Jira-admin check, read from the code: the edge table
 * (`src/edge/resolvers.ts`) names each resolver's use case and whether it receives the caller's account, and the use
 * case's own body says when it refuses anyone but an org admin (`requireOrgAdmin`, `AuthorityRefusedError`).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface CallerRule {
  /** The use case the edge runs, as `module#function`. */
  useCase: string;
  /** Whether the use case receives the caller's account id (to record, audit or check it). */
  receivesCaller: boolean;
  /** What only an org admin may do through this resolver, each finishing "Only an org admin can …". */
  orgAdminOnly: string[];
}

const ORG_ADMIN_SENTENCE = /^Only an org admin can ([^.]+)\./;

export function readCallerRules(repoRoot: string): Map<string, CallerRule> {
  const edgeFile = path.join(repoRoot, 'src/edge/resolvers.ts');
  const edge = parse(edgeFile);
  const imports = importedFrom(edge, path.dirname(edgeFile));
  const table = findVariable(edge, 'useCases');
  if (!table || !ts.isObjectLiteralExpression(table)) throw new Error(`${edgeFile}: no useCases table`);
  const rules = new Map<string, CallerRule>();
  for (const entry of table.properties) {
    if (!ts.isPropertyAssignment(entry) || !ts.isArrowFunction(entry.initializer)) continue;
    const arrow = entry.initializer;
    const call = ts.isCallExpression(arrow.body) ? arrow.body : undefined;
    const callee = call && ts.isIdentifier(call.expression) ? call.expression.text : undefined;
    const moduleFile = callee ? imports.get(callee) : undefined;
    if (!callee || !moduleFile)
      throw new Error(`${edgeFile}: ${entry.name.getText(edge)} runs no imported use case`);
    const callerParameter = arrow.parameters[2]?.name.getText(edge);
    rules.set(entry.name.getText(edge), {
      useCase: `${path.relative(repoRoot, moduleFile).replace(/\\/g, '/')}#${callee}`,
      receivesCaller: callerParameter !== undefined && !callerParameter.startsWith('_'),
      orgAdminOnly: orgAdminRefusals(parse(moduleFile), callee),
    });
  }
  return rules;
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

function importedFrom(source: ts.SourceFile, dir: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    const file = `${path.resolve(dir, statement.moduleSpecifier.text)}.ts`;
    for (const element of bindings.elements) names.set(element.name.text, file);
  }
  return names;
}

function findVariable(source: ts.SourceFile, name: string): ts.Expression | undefined {
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const declaration = statement.declarationList.declarations.find((d) => d.name.getText(source) === name);
    if (declaration?.initializer) return declaration.initializer;
  }
  return undefined;
}

/** The refusals in the function's body and in the functions of the same module it calls, each once. */
function orgAdminRefusals(source: ts.SourceFile, functionName: string, seen = new Set<string>()): string[] {
  seen.add(functionName);
  const declaration = source.statements.find(
    (s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === functionName,
  );
  if (!declaration?.body) return [];
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const called = node.expression.text;
      const what = node.arguments[2];
      if (called === 'requireOrgAdmin' && what) found.push(textOf(what));
      else if (!seen.has(called)) found.push(...orgAdminRefusals(source, called, seen));
    }
    if (ts.isNewExpression(node) && node.expression.getText(source) === 'AuthorityRefusedError') {
      const message = node.arguments?.[1];
      const sentence = message && ORG_ADMIN_SENTENCE.exec(textOf(message));
      if (sentence?.[1]) found.push(sentence[1]);
    }
    ts.forEachChild(node, visit);
  };
  visit(declaration.body);
  return [...new Set(found)];
}

/** A string or template literal as text, each `${…}` shown as `…`. */
function textOf(node: ts.Node): string {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((span) => `…${span.literal.text}`).join('');
  }
  return node.getText();
}
