/** The security log view: denied attempts in the reviewer's scope, each view audited. */
import { audit } from "../../platform/audit.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import { ValidationError } from "../../platform/errors.ts";
import { logScope, parseSecurityFilter, type SecurityFilter, securityFilterParams } from "../model.ts";
import * as store from "../store.ts";

export interface SecurityLogPage {
  filter: SecurityFilter;
  entries: Awaited<ReturnType<typeof store.listSecurityEvents>>;
  total: number;
}

/** Denied attempts (the security log) in the reviewer's scope; the view is audited like the audit log's. */
export async function securityLogPage(ctx: ServiceContext, query: unknown, now = new Date()): Promise<SecurityLogPage> {
  const scope = logScope(await authorize(ctx, "audit.review"));
  const parsed = parseSecurityFilter(query, now);
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  const filter = parsed.filter;
  return ctx.db.transaction(async (tx) => {
    const entries = await store.listSecurityEvents(tx, scope, filter);
    const total = await store.countSecurityEvents(tx, scope, filter);
    await audit(tx, ctx, {
      action: "audit.view",
      recordType: "security_log",
      detail: { filter: securityFilterParams(filter, filter.page), shown: entries.length, total },
    });
    return { filter, entries, total };
  });
}
