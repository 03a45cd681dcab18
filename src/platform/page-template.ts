/**
 * A page that is the same for every visitor without a session but for the request's CSRF token and
 * CSP nonce (the login page, decision 0054): rendered once per key with stand-ins for the two, and
 * from then on sent as that text with the request's own token and nonce put in their places.
 *
 * Safe because the stand-ins and the values are both made of characters that HTML escaping leaves
 * as they are (base64 and base64url), so the text equals a fresh render's. Only for a view without
 * an actor: a page that names anyone is never kept. At most MAX_KEPT keys are kept; past that the
 * map is cleared (the keys are a page's language, path and notices: a handful).
 */
import type { VNode } from "preact";
import { render } from "preact-render-to-string";
import type { View } from "./http.ts";

const MAX_KEPT = 200;
const stand = (what: string) => `sofia${what}${crypto.randomUUID().replaceAll("-", "")}`;
const CSRF = stand("Csrf");
const NONCE = stand("Nonce");
const kept = new Map<string, string[]>();

/** The page's HTML (with the doctype) for this request; `key` must name everything the page shows besides the view. */
export function anonymousPage(key: string, view: View, page: (view: View) => VNode): string {
  if (view.actor) throw new Error("anonymousPage: a page with a session is rendered for its request");
  const full = `${view.locale}\u0000${view.path}\u0000${key}`;
  let parts = kept.get(full);
  if (!parts) {
    const html = `<!doctype html>${render(page({ ...view, csrfToken: CSRF, nonce: NONCE }))}`;
    parts = html.split(new RegExp(`(${CSRF}|${NONCE})`));
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(full, parts);
  }
  let out = "";
  for (const part of parts) out += part === CSRF ? view.csrfToken : part === NONCE ? view.nonce : part;
  return out;
}
