/**
 * Every message key the code asks for is in both catalogs. The source under src/ (tests left out)
 * is read with the TypeScript compiler, so that a key is found wherever a `Translate` is called,
 * whatever the function is named (`t`, `req.t`, `view.t`, `tr`, a parameter), and so that a
 * dynamic key's parts have their types: `t(\`auditlog.action.${code}\`)` with `code` of a union
 * of literals is checked for every member; a part that is only `string` (or a number) is checked as
 * a pattern that at least one key must match. Keys handed to `ConflictError` and `AppError`, which
 * the error handler translates, are checked the same way.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { messages } from "./i18n.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** One place that asks for a message key. */
interface KeyUse {
  where: string;
  /** The source text of the key argument. */
  text: string;
  /** The keys it can be: exact keys, or patterns (a regular expression) when a part is open. */
  keys: string[];
  patterns: RegExp[];
  /** A key whose type says nothing (a plain `string` variable): not checkable here. */
  open: boolean;
}

/** The string values a type can have, or undefined when it is not a finite set of literals. */
function literalValues(type: ts.Type): string[] | undefined {
  const parts = type.isUnion() ? type.types : [type];
  const out: string[] = [];
  for (const p of parts) {
    if (p.isStringLiteral()) out.push(p.value);
    else if (p.isNumberLiteral()) out.push(String(p.value));
    else if (p.flags & ts.TypeFlags.BooleanLiteral) out.push((p as unknown as { intrinsicName: string }).intrinsicName);
    else return undefined;
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const MAX_COMBINATIONS = 2000;

/** The keys (or patterns) a key argument stands for. */
function keysOf(arg: ts.Expression, checker: ts.TypeChecker): Pick<KeyUse, "keys" | "patterns" | "open"> {
  if (ts.isParenthesizedExpression(arg) || ts.isAsExpression(arg) || ts.isSatisfiesExpression(arg)) return keysOf(arg.expression, checker);
  // `a ? "x" : \`y.${z}\``, `a ?? "x"`: each branch is a key.
  const branches = ts.isConditionalExpression(arg)
    ? [arg.whenTrue, arg.whenFalse]
    : ts.isBinaryExpression(arg) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(arg.operatorToken.kind)
      ? [arg.left, arg.right]
      : undefined;
  if (branches) {
    const [a, b] = branches.map((e) => keysOf(e, checker)) as [ReturnType<typeof keysOf>, ReturnType<typeof keysOf>];
    return { keys: [...a.keys, ...b.keys], patterns: [...a.patterns, ...b.patterns], open: a.open || b.open };
  }
  if (ts.isTemplateExpression(arg)) {
    // Each part is its literals, or open (any text) when its type is not a finite set of literals.
    const parts: Array<string[] | undefined> = arg.templateSpans.map((s) => literalValues(checker.getTypeAtLocation(s.expression)));
    let combos: Array<Array<string | undefined>> = [[]];
    for (const values of parts) {
      combos = combos.flatMap((c) => (values ? values.map((v) => [...c, v]) : [[...c, undefined]]));
      if (combos.length > MAX_COMBINATIONS) throw new Error(`Too many keys for ${arg.getText()}`);
    }
    const keys: string[] = [];
    const patterns: RegExp[] = [];
    for (const combo of combos) {
      const pieces = [arg.head.text, ...arg.templateSpans.flatMap((s, i) => [combo[i], s.literal.text])];
      if (pieces.every((p) => p !== undefined)) keys.push(pieces.join(""));
      else patterns.push(new RegExp(`^${pieces.map((p) => (p === undefined ? ".+" : escapeRegExp(p))).join("")}$`));
    }
    return { keys, patterns, open: false };
  }
  const values = literalValues(checker.getTypeAtLocation(arg));
  return values ? { keys: values, patterns: [], open: false } : { keys: [], patterns: [], open: true };
}

/** Is the called function a `Translate` (platform/i18n.ts), whatever its name? */
function isTranslate(callee: ts.Expression, checker: ts.TypeChecker): boolean {
  const type = checker.getTypeAtLocation(callee);
  return type.aliasSymbol?.name === "Translate" || checker.getNonNullableType(type).aliasSymbol?.name === "Translate";
}

/**
 * Whether asking the type checker is worth it: a `Translate` is called by its name (`t`, `tr`),
 * as a property (`req.t`, `view.t`) or straight from `translator(locale)`. A method of a chain's
 * result (`db.select().from`) is not one, and inferring those types is most of the cost.
 */
function mayBeTranslate(callee: ts.Expression): boolean {
  if (ts.isIdentifier(callee) || ts.isCallExpression(callee)) return true;
  if (!ts.isPropertyAccessExpression(callee)) return false;
  let object: ts.Expression = callee.expression;
  while (ts.isPropertyAccessExpression(object) || ts.isNonNullExpression(object)) object = object.expression;
  return ts.isIdentifier(object) || object.kind === ts.SyntaxKind.ThisKeyword;
}

/** The key arguments of `new ConflictError(key)` and `new AppError(status, key)`. */
function errorKeyArgument(node: ts.NewExpression): ts.Expression | undefined {
  const name = ts.isIdentifier(node.expression) ? node.expression.text : "";
  if (name === "ConflictError") return node.arguments?.[0];
  if (name === "AppError") return node.arguments?.[1];
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.endsWith(".d.ts"))
    .map((f) => path.join(dir, f));
}

/** Every use of a message key in the source. */
function findKeyUses(files: string[]): KeyUse[] {
  const config = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const uses: KeyUse[] = [];
  const inScope = new Set(files.map((f) => path.resolve(f)));
  for (const sf of program.getSourceFiles()) {
    if (!inScope.has(path.resolve(sf.fileName))) continue;
    const visit = (node: ts.Node): void => {
      let arg: ts.Expression | undefined;
      if (
        ts.isCallExpression(node) &&
        node.arguments.length > 0 &&
        mayBeTranslate(node.expression) &&
        isTranslate(node.expression, checker)
      )
        arg = node.arguments[0];
      else if (ts.isNewExpression(node)) arg = errorKeyArgument(node);
      if (arg) {
        const { line } = sf.getLineAndCharacterOfPosition(arg.getStart());
        uses.push({ where: `${path.relative(root, sf.fileName)}:${line + 1}`, text: arg.getText(), ...keysOf(arg, checker) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return uses;
}

let uses: KeyUse[];
beforeAll(() => {
  uses = findKeyUses(sourceFiles(path.join(root, "src")));
});

const catalogKeys = Object.keys(messages.sv);
const inBoth = (key: string) => key in messages.sv && key in messages.en;

describe("message keys in the source", () => {
  it("are found: literal keys, and dynamic keys with every member of their union", () => {
    expect(uses.length).toBeGreaterThan(1000);
    const literal = uses.filter((u) => u.keys.length > 0);
    expect(literal.length).toBeGreaterThan(1000);
    // A dynamic key over a known list is expanded to each of its members.
    const events = uses.find((u) => u.text.startsWith("`auditlog.event."));
    expect(events?.keys.length ?? 0, events?.where).toBeGreaterThan(5);
    // Both branches of a conditional key; a part typed only `string` becomes a pattern.
    const halfYear = uses.filter((u) => u.text.includes("? `economy.halfYear."));
    expect(halfYear.length).toBeGreaterThan(0);
    for (const u of halfYear)
      expect(
        u.keys.includes("economy.halfYear.whole") &&
          (u.keys.includes("economy.halfYear.1") || u.patterns.some((p) => p.test("economy.halfYear.1"))),
        u.where,
      ).toBe(true);
    expect(uses.filter((u) => u.patterns.length > 0).length, "uses with a pattern").toBeGreaterThan(10);
  });

  it("are every one in the Swedish and the English catalog", () => {
    const missing = uses.flatMap((u) => u.keys.filter((k) => !inBoth(k)).map((k) => `${u.where} ${k}`));
    expect(missing).toEqual([]);
  });

  it("match at least one catalog key where a part of the key is open", () => {
    const unmatched = uses.flatMap((u) => u.patterns.filter((p) => !catalogKeys.some((k) => p.test(k))).map((p) => `${u.where} ${p}`));
    expect(unmatched).toEqual([]);
  });
});
