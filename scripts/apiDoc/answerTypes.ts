/**
 * The answer of every resolver as `src/contract/resolvers.ts` declares it: the type as written and its fields one
 * level deep, read with the TypeScript compiler so the doc names what the page really receives.
 */
import path from 'node:path';
import ts from 'typescript';

export interface AnswerField {
  name: string;
  optional: boolean;
  type: string;
}

export interface AnswerShape {
  /** The type as written in `ResolverAnswers`, e.g. `RunSummary` or `{ deleted: string }`. */
  written: string;
  /** The fields of each object the answer can be (one list per member of a union; arrays give their element's). */
  variants: AnswerField[][];
}

const TYPE_FORMAT = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;

export function readAnswerShapes(repoRoot: string): Map<string, AnswerShape> {
  const file = path.join(repoRoot, 'src/contract/resolvers.ts');
  const program = ts.createProgram([file], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const answers = source?.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'ResolverAnswers',
  );
  if (!source || !answers) throw new Error(`${file}: no interface ResolverAnswers`);
  const shapes = new Map<string, AnswerShape>();
  for (const member of answers.members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const type = checker.getTypeFromTypeNode(member.type);
    shapes.set(member.name.getText(source), {
      written: member.type.getText(source).replace(/\s+/g, ' '),
      variants: objectVariants(checker, type).map((variant) => fieldsOf(checker, variant, member)),
    });
  }
  return shapes;
}

/** The object types a value of `type` can be: null dropped, arrays unwrapped, unions split. */
function objectVariants(checker: ts.TypeChecker, type: ts.Type): ts.Type[] {
  const nonNull = checker.getNonNullableType(type);
  if (checker.isArrayType(nonNull)) {
    const [element] = checker.getTypeArguments(nonNull as ts.TypeReference);
    return element ? objectVariants(checker, element) : [];
  }
  if (nonNull.isUnion()) return nonNull.types.flatMap((member) => objectVariants(checker, member));
  return nonNull.getFlags() & (ts.TypeFlags.Object | ts.TypeFlags.Intersection) ? [nonNull] : [];
}

function fieldsOf(checker: ts.TypeChecker, type: ts.Type, at: ts.Node): AnswerField[] {
  return checker.getPropertiesOfType(type).map((property) => ({
    name: property.getName(),
    optional: (property.getFlags() & ts.SymbolFlags.Optional) !== 0,
    // An optional member's own `| undefined` says nothing its `?` does not.
    type: checker
      .typeToString(checker.getTypeOfSymbolAtLocation(property, at), undefined, TYPE_FORMAT)
      .replace(/(\?: [^;]*?) \| undefined;/g, '$1;'),
  }));
}
