import { Resvg } from "@resvg/resvg-js";

/**
 * The municipality's report template (decision 0048), its pure rules: the logo is known by its
 * bytes (a PNG's signature, or an SVG document whose first element is <svg>), never by a file name
 * or a declared type, and is under 1 MB; the recurring texts are bounded; the sections included
 * are known keys, at least one, kept in the report's order.
 */

/** The sections of the report a template can leave out, in the report's order. */
export const templateSections = [
  "decision",
  "keyFigures",
  "summary",
  "model",
  "participants",
  "results",
  "surveys",
  "campaigns",
  "staff",
  "activities",
  "waits",
  "budget",
  "gender",
  "discussion",
  "nextSteps",
  "contact",
  "appendix",
] as const;
export type TemplateSection = (typeof templateSections)[number];

export const LOGO_MAX_BYTES = 1024 * 1024;
export const TEMPLATE_TEXT_MAX = 5_000;

export type LogoType = "image/png" | "image/svg+xml";

export interface Logo {
  type: LogoType;
  data: Buffer;
}

export interface Template {
  logo: Logo | null;
  introduction: string;
  contact: string;
  sections: TemplateSection[];
  version: number;
}

/** No template saved: no logo, no recurring texts, every section. */
export function defaultTemplate(): Template {
  return { logo: null, introduction: "", contact: "", sections: [...templateSections], version: 0 };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * What the bytes are: a PNG (signature and an IHDR chunk first), an SVG (UTF-8 text whose first
 * element, after an optional XML declaration, comments and a doctype, is <svg …>), or null.
 */
export function logoTypeOf(data: Buffer): LogoType | null {
  if (data.length >= 24 && data.subarray(0, 8).equals(PNG_SIGNATURE) && data.subarray(12, 16).toString("latin1") === "IHDR")
    return "image/png";
  const text = data.toString("utf8");
  const rest = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, "")
    .replace(/^\s*<\?xml[^>]*\?>/, "")
    .replace(/^(\s*<!--[\s\S]*?-->)*/, "")
    .replace(/^\s*<!DOCTYPE[^>]*>/i, "")
    .replace(/^(\s*<!--[\s\S]*?-->)*/, "");
  return /^\s*<svg[\s>]/.test(rest) && text.trimEnd().endsWith("</svg>") ? "image/svg+xml" : null;
}

/** The field error of an uploaded logo (a catalog key), or the logo. */
export function checkLogo(data: Buffer): { logo: Logo } | { error: string } {
  if (data.length > LOGO_MAX_BYTES) return { error: "reports.template.error.logoTooLarge" };
  const type = logoTypeOf(data);
  if (!type) return { error: "reports.template.error.logoType" };
  if (type === "image/svg+xml") {
    // An SVG that cannot be drawn would break every version made with it: refused now.
    try {
      new Resvg(data).render();
    } catch {
      return { error: "reports.template.error.logoType" };
    }
  }
  return { logo: { type, data } };
}

/** The included sections as a template keeps them: known keys, each once, in the report's order. */
export function orderedSections(keys: readonly string[]): TemplateSection[] {
  return templateSections.filter((k) => keys.includes(k));
}

/** The template stored, read back: unknown section keys dropped, a missing logo type meaning no logo. */
export function templateOf(row: {
  logo: Buffer | null;
  logoType: string | null;
  introduction: string;
  contact: string;
  sections: unknown;
  version: number;
}): Template {
  const type = row.logoType === "image/png" || row.logoType === "image/svg+xml" ? row.logoType : null;
  return {
    logo: row.logo && type ? { type, data: row.logo } : null,
    introduction: row.introduction,
    contact: row.contact,
    sections: orderedSections(Array.isArray(row.sections) ? row.sections.filter((s): s is string => typeof s === "string") : []),
    version: row.version,
  };
}
