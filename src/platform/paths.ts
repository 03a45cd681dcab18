/**
 * Typed paths: one route pattern, used both to register the route and to build links to it.
 *
 *   const project = path("/ekonomi/:id/kostnader");
 *   app.get(project.pattern, …);                        // "/ekonomi/:id/kostnader"
 *   project.href({ id });                               // "/ekonomi/4f…/kostnader"
 *   project.href({ id }, { klart: "kostnad", ar: 2026 }); // "/ekonomi/4f…/kostnader?klart=kostnad&ar=2026"
 *
 * The parameter names come from the pattern (`:id` is a whole segment), every one is required, and
 * a misspelled or missing name does not compile. Values are `encodeURIComponent`-ed; the query is
 * written with URLSearchParams, leaving out undefined and null values.
 *
 * Each module keeps its patterns in one table, `<module>/paths.ts` (`export const paths = {…}`);
 * `src/paths.test.ts` checks that every route a module's pages.tsx or api.ts registers is one of
 * the patterns of the table next to it.
 */

/** The names of the `:params` of a pattern, as a union of string literals. */
export type ParamNames<P extends string> = P extends `${string}:${infer Rest}`
  ? Rest extends `${infer Name}/${infer Tail}`
    ? Name | ParamNames<Tail>
    : Rest
  : never;

export type Params<P extends string> = { [K in ParamNames<P>]: string | number };

/** A query string's values; undefined and null are left out. */
export type Query = Record<string, string | number | boolean | undefined | null>;

/** `href(params, query?)` for a pattern with params, `href(query?)` for one without. */
export type HrefArgs<P extends string> = [ParamNames<P>] extends [never] ? [query?: Query] : [params: Params<P>, query?: Query];

export interface Path<P extends string> {
  /** The Fastify route pattern, exactly as given. */
  readonly pattern: P;
  /** A link to the route: its params filled in and encoded, and the query, if any. */
  href(...args: HrefArgs<P>): string;
}

/** The query string of a link, with its "?", or "" when nothing is left. */
export function queryString(query: Query | undefined): string {
  if (!query) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) search.append(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function path<const P extends string>(pattern: P): Path<P> {
  const hasParams = pattern.includes("/:");
  return {
    pattern,
    href(...args: HrefArgs<P>): string {
      const [params, query] = (hasParams ? args : [{}, args[0]]) as [Record<string, string | number>, Query | undefined];
      const filled = pattern.replace(/:([^/]+)/g, (_, name: string) => {
        const value = params[name];
        if (value === undefined) throw new Error(`${pattern}: the parameter "${name}" is missing`);
        return encodeURIComponent(String(value));
      });
      return filled + queryString(query);
    },
  };
}
