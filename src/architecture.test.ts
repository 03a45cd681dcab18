/**
 * The shape of the code (docs/architecture.md, decision 0032), checked on every file under src/:
 * - a module (a folder under src/ other than platform and db) is used by others only through its
 *   front door, `index.ts`; its manifest, `module.ts`, only by the composition root (src/*.ts);
 * - the platform and the schema import no module and not the composition root;
 * - there is no cycle between modules.
 * Test files keep the first rule too; only their own support (test/) is outside it.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname);
const SHARED = new Set(["platform", "db"]);

interface Import {
  from: string;
  to: string;
  line: number;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Every relative import of a file: `import … from`, `export … from` and `import()`. */
function importsOf(file: string): Import[] {
  const text = fs.readFileSync(file, "utf8");
  const out: Import[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)"(\.[^"]+)"/gm)) {
    const line = text.slice(0, m.index).split("\n").length;
    out.push({ from: file, to: path.resolve(path.dirname(file), m[1] as string), line });
  }
  return out;
}

/** The module a file belongs to: its first folder under src/; null for the composition root and for files outside src/. */
function moduleOf(file: string): string | null {
  const parts = path.relative(SRC, file).split(path.sep);
  if (parts[0] === ".." || parts.length === 1) return null;
  return parts[0] as string;
}

/** A file's sub-capability folder inside its module (`surveys/kiosk/`), or null for the module's own files. */
function subOf(file: string): string | null {
  const parts = path.relative(SRC, file).split(path.sep);
  return parts[0] === ".." || parts.length < 3 || SHARED.has(parts[0] as string) ? null : (parts[1] as string);
}

const isTest = (file: string) => /\.test\.tsx?$|(^|[/-])test-setup\.ts$/.test(file);
/** A module's wiring: its manifest and its route registration reach into its sub-capabilities' pages, API and catalogs. */
const isWiring = (file: string) => ["module.ts", "routes.ts"].includes(path.basename(file)) && subOf(file) === null;
const rel = (file: string) => path.relative(SRC, file);
const show = (i: Import) => `src/${rel(i.from)}:${i.line} -> ${path.relative(path.dirname(SRC), i.to)}`;

const files = sourceFiles(SRC);
const imports = files.flatMap(importsOf);

/** The rule an import breaks, or null. */
function breach(i: Import): string | null {
  const a = moduleOf(i.from);
  const b = moduleOf(i.to);
  const target = path.basename(i.to);
  if (rel(i.to).startsWith("..")) return isTest(i.from) ? null : "only tests reach outside src/";
  if (a !== null && SHARED.has(a) && !isTest(i.from) && (b === null || !SHARED.has(b)))
    return "the platform and the schema import no module";
  if (b === null || SHARED.has(b)) return null;
  if (b === a) {
    // Inside a module: a sub-capability is used through its own index.ts by the module's other
    // files and by its sibling sub-capabilities; it may use the module's own files directly.
    const sub = subOf(i.to);
    if (sub === null || sub === subOf(i.from) || isWiring(i.from)) return null;
    if (target === "index.ts" && path.dirname(i.to) === path.join(SRC, b, sub)) return null;
    if (target === "test-setup.ts" && isTest(i.from)) return null;
    return "a sub-capability is used through its front door, index.ts";
  }
  if (target === "module.ts") return a === null ? null : "a manifest is for the composition root only";
  if (target === "index.ts" && path.dirname(i.to) === path.join(SRC, b)) return null;
  return "another module is used through its front door, index.ts";
}

/** The modules' dependency graph (non-test imports) and its cycles. */
function cycles(list: readonly Import[]): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const i of list) {
    const a = moduleOf(i.from);
    const b = moduleOf(i.to);
    if (isTest(i.from) || a === null || b === null || a === b || SHARED.has(a) || SHARED.has(b)) continue;
    edges.set(a, (edges.get(a) ?? new Set()).add(b));
  }
  const found: string[][] = [];
  const walk = (node: string, trail: string[]) => {
    for (const next of edges.get(node) ?? []) {
      const at = trail.indexOf(next);
      if (at >= 0) found.push([...trail.slice(at), next]);
      else walk(next, [...trail, next]);
    }
  };
  for (const start of edges.keys()) walk(start, [start]);
  return found;
}

describe("the shape of the code", () => {
  it("reads the imports it checks", () => {
    // A rule that sees no imports passes for nothing: the scan must find what is known to be there.
    expect(imports.length).toBeGreaterThan(1000);
    expect(imports.some((i) => rel(i.from) === "modules.ts" && rel(i.to) === path.join("surveys", "module.ts"))).toBe(true);
    expect(
      imports.some((i) => rel(i.from) === path.join("surveys", "paper", "service.ts") && rel(i.to) === path.join("processes", "index.ts")),
    ).toBe(true);
  });

  it("uses another module only through its front door, and a manifest only from the composition root", () => {
    const found = imports.flatMap((i) => {
      const why = breach(i);
      return why ? [`${show(i)}: ${why}`] : [];
    });
    expect(found).toEqual([]);
  });

  it("finds a breach where there is one", () => {
    const at = (from: string, to: string): Import => ({ from: path.join(SRC, from), to: path.join(SRC, to), line: 1 });
    expect(breach(at("surveys/paper/service.ts", "processes/meetings/store.ts"))).toMatch(/front door/);
    expect(breach(at("platform/i18n.ts", "messages.ts"))).toMatch(/platform/);
    expect(breach(at("platform/http.ts", "surveys/index.ts"))).toMatch(/platform/);
    expect(breach(at("reports/figures.ts", "surveys/module.ts"))).toMatch(/composition root/);
    expect(breach(at("surveys/paper/service.ts", "processes/index.ts"))).toBeNull();
    expect(breach(at("surveys/paper/service.ts", "surveys/responses/store.ts"))).toMatch(/sub-capability/);
    expect(breach(at("surveys/index.ts", "surveys/kiosk/service.ts"))).toMatch(/sub-capability/);
    expect(breach(at("surveys/routes.ts", "surveys/kiosk/pages.tsx"))).toBeNull();
    expect(breach(at("surveys/paper/service.ts", "surveys/responses/index.ts"))).toBeNull();
    expect(breach(at("surveys/paper/service.ts", "surveys/model.ts"))).toBeNull();
    expect(breach(at("surveys/kiosk/kiosk.test.ts", "surveys/links/test-setup.ts"))).toBeNull();
    expect(breach(at("modules.ts", "surveys/module.ts"))).toBeNull();
  });

  it("has no cycle between modules", () => {
    expect(cycles(imports)).toEqual([]);
    const at = (from: string, to: string): Import => ({ from: path.join(SRC, from), to: path.join(SRC, to), line: 1 });
    expect(cycles([at("processes/pages.tsx", "surveys/index.ts"), at("surveys/paper/service.ts", "processes/index.ts")])).toContainEqual([
      "processes",
      "surveys",
      "processes",
    ]);
  });

  it("lists every module with a manifest in src/modules.ts", async () => {
    const { modules } = await import("./modules.ts");
    const withManifest = fs
      .readdirSync(SRC)
      .filter((d) => !SHARED.has(d) && fs.existsSync(path.join(SRC, d, "module.ts")))
      .sort();
    expect(modules.map((m) => m.name).sort()).toEqual(withManifest);
  });
});
