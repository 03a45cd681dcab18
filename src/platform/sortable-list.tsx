/**
 * A list that sorts and filters without JavaScript (the /processer list, the requests list): the
 * choice is in the query string (`sortera`, `ordning`: "stigande" or "fallande"; filters; `sida`),
 * each sortable column header is a link that sorts by it, the sorted one has aria-sort. Only the
 * names of the query live here; what each list filters and how it sorts is the module's.
 */
import type { Translate } from "./i18n.ts";

export type SortOrder = "stigande" | "fallande" | "";

/** The list's sort in the URL: a known key or "" (the default), and the order or "" (the key's default). */
export interface SortQuery {
  sortera: string;
  ordning: SortOrder;
}

/** The sort of a query string; an unknown key or order is left out (the default). */
export function sortQuery(q: Record<string, string | undefined>, keys: readonly string[]): SortQuery {
  return {
    sortera: q.sortera && keys.includes(q.sortera) ? q.sortera : "",
    ordning: q.ordning === "stigande" || q.ordning === "fallande" ? q.ordning : "",
  };
}

/** How a list sorts by default: its key, and the keys that sort descending first (a date: newest first). */
export interface SortDefaults {
  key: string;
  descendingFirst: readonly string[];
}

/** The key sorted by and whether descending, the defaults filled in. */
export function sortState(q: SortQuery, defaults: SortDefaults): { key: string; descending: boolean } {
  const key = q.sortera || defaults.key;
  return { key, descending: q.ordning === "" ? defaults.descendingFirst.includes(key) : q.ordning === "fallande" };
}

/** The value of a query choice when it is one of `values`, else "" (not chosen). */
export const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | "" =>
  values.includes(value as T) ? (value as T) : "";

/** A page number from the query: 1 or more. */
export const pageNumber = (value: string | undefined): number => Math.max(1, Math.trunc(Number(value)) || 1);

/**
 * The address of the list with some choices changed: empty choices and page 1 are left out, so
 * that the address stays short and the default is the bare path.
 */
export function listHref<Q extends object>(href: (query: Record<string, string>) => string, q: Q, change: Partial<Q>): string {
  const next = { ...q, ...change } as Record<string, string | number>;
  return href(
    Object.fromEntries(
      Object.entries(next)
        .filter(([k, v]) => v !== "" && !(k === "sida" && v === 1))
        .map(([k, v]) => [k, String(v)]),
    ),
  );
}

/**
 * A column header that sorts the list: a link (to the other order when it is the sorted column),
 * aria-sort on the sorted one, and a hidden text that says what the link does.
 */
export function SortHeader<Q extends SortQuery & { sida?: number }>(props: {
  t: Translate;
  q: Q;
  defaults: SortDefaults;
  sortKey: string;
  label: string;
  href: (query: Record<string, string>) => string;
}) {
  const { t, q, defaults, sortKey, label } = props;
  const state = sortState(q, defaults);
  const current = state.key === sortKey;
  const descending = current && state.descending;
  const next: SortOrder = current
    ? descending
      ? "stigande"
      : "fallande"
    : defaults.descendingFirst.includes(sortKey)
      ? "fallande"
      : "stigande";
  const change = { sortera: sortKey, ordning: next, ...("sida" in q && { sida: 1 }) } as Partial<Q>;
  return (
    <th scope="col" aria-sort={current ? (descending ? "descending" : "ascending") : undefined}>
      <a class="ds-link" href={listHref(props.href, q, change)}>
        {label}
        <span class="ds-sr-only">{t(next === "stigande" ? "list.sortAscending" : "list.sortDescending")}</span>
        {current && <span aria-hidden="true">{descending ? " ▼" : " ▲"}</span>}
      </a>
    </th>
  );
}

/** The end of a list's filter form: the sort order kept as hidden fields, and the button that filters. */
export function FilterSubmit({ q, label }: { q: SortQuery; label: string }) {
  return (
    <>
      {q.sortera && <input type="hidden" name="sortera" value={q.sortera} />}
      {q.ordning && <input type="hidden" name="ordning" value={q.ordning} />}
      <p class="ds-paragraph">
        <button type="submit" class="ds-button" data-variant="secondary">
          {label}
        </button>
      </p>
    </>
  );
}

/** Links to the page before and after, with "page N of M"; nothing when all fits on one page. */
export function Pager(props: { t: Translate; page: number; total: number; pageSize: number; href: (page: number) => string }) {
  const { t, page } = props;
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("list.pages")} class="sofia-pagination">
      <p class="ds-paragraph">
        {page > 1 && (
          <a class="ds-link" href={props.href(page - 1)}>
            {t("list.previous")}
          </a>
        )}{" "}
        {t("list.pageOf", { page, pages })}{" "}
        {page < pages && (
          <a class="ds-link" href={props.href(page + 1)}>
            {t("list.next")}
          </a>
        )}
      </p>
    </nav>
  );
}
