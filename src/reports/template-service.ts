/**
 * The municipality's report template (reports.manage to change, reports.view to read): the logo
 * (PNG or SVG under 1 MB, known by its bytes), the recurring texts and the sections included.
 * Saved with optimistic locking and an audit row; bad input changes nothing.
 */
import { audit } from "../platform/audit.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import { ConflictError, parseOrThrow, ValidationError } from "../platform/errors.ts";
import { type TemplateBody, templateBody } from "./schemas.ts";
import { loadTemplate } from "./service.ts";
import * as store from "./store.ts";
import { checkLogo, type Logo, orderedSections, type Template } from "./template.ts";

export async function getTemplate(ctx: ServiceContext): Promise<Template> {
  const { actor } = await authorize(ctx, "reports.view");
  return loadTemplate(ctx.db, actor.municipalityId);
}

/** The template's logo, or null when it has none. */
export async function templateLogo(ctx: ServiceContext): Promise<Logo | null> {
  return (await getTemplate(ctx)).logo;
}

/** A strict base64 text's bytes, or null when it is not base64. */
function fromBase64(text: string): Buffer | null {
  const clean = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return null;
  return Buffer.from(clean, "base64");
}

/**
 * Saves the template. `logo` in the body is base64 (the API); `upload` is the page's file. A logo
 * that is not a PNG or an SVG, or is 1 MB or more, is refused on the field `logo`.
 */
export async function saveTemplate(ctx: ServiceContext, raw: TemplateBody, upload?: Buffer | null): Promise<Template> {
  const { actor } = await authorize(ctx, "reports.manage");
  const input = parseOrThrow(templateBody, raw);
  let logo: Logo | null | undefined;
  const bytes = upload ?? (typeof input.logo === "string" ? fromBase64(input.logo) : undefined);
  if (typeof input.logo === "string" && bytes === null && !upload) throw new ValidationError({ logo: "reports.template.error.logoBase64" });
  if (bytes) {
    const checked = checkLogo(bytes);
    if ("error" in checked) throw new ValidationError({ logo: checked.error });
    logo = checked.logo;
  } else if (input.logo === null) logo = null;
  const sections = orderedSections(input.sections);
  await ctx.db.transaction(async (tx) => {
    const saved = await store.saveTemplate(
      tx,
      actor.municipalityId,
      actor.id,
      input.version,
      {
        logo: logo?.data ?? null,
        logoType: logo?.type ?? null,
        introduction: input.introduction.trim(),
        contact: input.contact.trim(),
        sections,
      },
      logo === undefined,
    );
    if (!saved) throw new ConflictError("reports.template.error.stale");
    await audit(tx, ctx, {
      action: "report_template.update",
      recordType: "report_template",
      recordId: actor.municipalityId,
      detail: { sections, logo: logo === undefined ? "kept" : logo === null ? "removed" : logo.type },
    });
  });
  return loadTemplate(ctx.db, actor.municipalityId);
}
