/**
 * The SDK's public API as text: every name exported by its entries (`.`, `./testing`, `./client`)
 * with its kind and signature, as the TypeScript compiler sees them. Written to sdk/api/*.api.txt by
 * `npm run api:report` and compared by sdk/test/api-report.test.ts, so a change to the public API
 * shows in review and is a decision (docs/sdk-versioning.md says which version bump it needs).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const SDK_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Each public entry, its source and the report file it is listed in. */
export const ENTRIES = [
  { entry: '@pathfinder/sdk', source: 'src/index.ts', report: 'api/sdk.api.txt' },
  { entry: '@pathfinder/sdk/testing', source: 'src/testing/index.ts', report: 'api/sdk-testing.api.txt' },
  { entry: '@pathfinder/sdk/client', source: 'src/client/index.ts', report: 'api/sdk-client.api.txt' },
] as const;

const FLAGS = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope | ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType | ts.TypeFormatFlags.WriteArrayAsGenericType;

function typeParams(checker: ts.TypeChecker, symbol: ts.Symbol): string {
  const decl = symbol.declarations?.find((d) => 'typeParameters' in d && (d as ts.ClassDeclaration).typeParameters);
  const params = (decl as ts.ClassDeclaration | undefined)?.typeParameters;
  if (!params?.length) return '';
  const printer = ts.createPrinter({ removeComments: true });
  return `<${params.map((p) => printer.printNode(ts.EmitHint.Unspecified, p, p.getSourceFile())).join(', ')}>`;
}

const PRINTER = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });
const SRC_DIR = path.join(SDK_DIR, 'src') + path.sep;
const isOurs = (node: ts.Node) => path.resolve(node.getSourceFile().fileName).startsWith(SRC_DIR);

function members(checker: ts.TypeChecker, type: ts.Type, at: ts.Node, indent: string): string[] {
  const lines: string[] = [];
  for (const prop of checker.getPropertiesOfType(type).sort((a, b) => a.name.localeCompare(b.name))) {
    const decl = prop.valueDeclaration ?? prop.declarations?.[0];
    // Members inherited from Node's or the language's types (Error's stack, captureStackTrace…) are theirs, not ours.
    if (prop.declarations?.length && prop.declarations.every((d) => !isOurs(d))) continue;
    // Private and protected members (and #names) are not public API.
    if (decl && ts.getCombinedModifierFlags(decl as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
    if (prop.name.startsWith('__#')) continue;
    const optional = prop.flags & ts.SymbolFlags.Optional ? '?' : '';
    const readonly = decl && ts.getCombinedModifierFlags(decl as ts.Declaration) & ts.ModifierFlags.Readonly ? 'readonly ' : '';
    const propType = checker.getTypeOfSymbolAtLocation(prop, at);
    if (prop.flags & ts.SymbolFlags.Method) {
      for (const sig of propType.getCallSignatures()) lines.push(`${indent}${prop.name}${optional}${checker.signatureToString(sig, at, FLAGS)};`);
    } else {
      // A declared type as written (names, not their expansion); an inferred one as the compiler sees it.
      const annotation = decl && (ts.isPropertyDeclaration(decl) || ts.isPropertySignature(decl) || ts.isParameter(decl)) ? decl.type : undefined;
      const text = annotation ? PRINTER.printNode(ts.EmitHint.Unspecified, annotation, annotation.getSourceFile()) : checker.typeToString(propType, at, FLAGS);
      lines.push(`${indent}${readonly}${prop.name}${optional}: ${text};`);
    }
  }
  return lines;
}

function describe(checker: ts.TypeChecker, name: string, symbol: ts.Symbol, at: ts.Node): string[] {
  const lines: string[] = [];
  const f = symbol.flags;
  if (f & ts.SymbolFlags.Class) {
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    const statics = checker.getTypeOfSymbolAtLocation(symbol, at);
    const base = instance.isClassOrInterface() ? checker.getBaseTypes(instance).map((b) => checker.typeToString(b, at, FLAGS)) : [];
    lines.push(`class ${name}${typeParams(checker, symbol)}${base.length ? ` extends ${base.join(', ')}` : ''} {`);
    for (const sig of statics.getConstructSignatures()) lines.push(`  constructor${checker.signatureToString(sig, at, FLAGS).replace(/ => .*$|: [^:]*$/, '')};`);
    lines.push(...members(checker, statics, at, '  static ').filter((l) => !l.startsWith('  static prototype')));
    lines.push(...members(checker, instance, at, '  '), '}');
    return lines;
  }
  if (f & ts.SymbolFlags.Interface && symbol.declarations?.some((d) => d.getSourceFile().fileName.endsWith('/client/api-types.ts'))) {
    // openapi-typescript's output for the server's OpenAPI document: its own freshness test guards it.
    lines.push(`interface ${name} { /* generated from the OpenAPI document: src/client/api-types.ts */ }`);
  } else if (f & ts.SymbolFlags.Interface) {
    const type = checker.getDeclaredTypeOfSymbol(symbol);
    const base = type.isClassOrInterface() ? checker.getBaseTypes(type).map((b) => checker.typeToString(b, at, FLAGS)) : [];
    lines.push(`interface ${name}${typeParams(checker, symbol)}${base.length ? ` extends ${base.join(', ')}` : ''} {`);
    for (const sig of type.getCallSignatures()) lines.push(`  ${checker.signatureToString(sig, at, FLAGS)};`);
    lines.push(...members(checker, type, at, '  '), '}');
  }
  if (f & ts.SymbolFlags.TypeAlias) {
    // As written (a derived type names what it is derived from; the generated OpenAPI types stay one line each).
    const decl = symbol.declarations!.find(ts.isTypeAliasDeclaration)!;
    const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });
    lines.push(`type ${name}${typeParams(checker, symbol)} = ${printer.printNode(ts.EmitHint.Unspecified, decl.type, decl.getSourceFile())};`);
  }
  if (f & ts.SymbolFlags.Function) {
    for (const sig of checker.getTypeOfSymbolAtLocation(symbol, at).getCallSignatures()) lines.push(`function ${name}${checker.signatureToString(sig, at, FLAGS)};`);
  } else if (f & ts.SymbolFlags.Variable) {
    const decl = symbol.valueDeclaration;
    const constant = decl && ts.isVariableDeclaration(decl) && decl.parent.flags & ts.NodeFlags.Const;
    lines.push(`${constant ? 'const' : 'let'} ${name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, at), at, FLAGS)};`);
  }
  if (f & ts.SymbolFlags.Enum) lines.push(`enum ${name}`);
  return lines;
}

/** The listing of every entry: report path -> text. */
export function apiListing(): Map<string, string> {
  const configPath = path.join(SDK_DIR, 'tsconfig.build.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } })!;
  const program = ts.createProgram({ rootNames: ENTRIES.map((e) => path.join(SDK_DIR, e.source)), options: { ...config.options, noEmit: true, composite: false, declaration: false } });
  const checker = program.getTypeChecker();
  const out = new Map<string, string>();
  for (const e of ENTRIES) {
    const file = program.getSourceFile(path.join(SDK_DIR, e.source))!;
    const moduleSymbol = checker.getSymbolAtLocation(file)!;
    const lines = [`// The public API of ${e.entry}, generated by \`npm run api:report\` (sdk/scripts/api-listing.ts). Do not edit.`, ''];
    for (const exported of checker.getExportsOfModule(moduleSymbol).sort((a, b) => a.name.localeCompare(b.name))) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      lines.push(...describe(checker, exported.name, symbol, file), '');
    }
    // Types printed from outside the entry's scope come out as import("/abs/path").Name: keep the name.
    out.set(e.report, lines.join('\n').replace(/import\("[^"]*"\)\./g, ''));
  }
  return out;
}
