/** The retention page (administrators): rules, preview and the confirmed run, without JavaScript. */
import { handleForm, isConfirmed, noticeFrom } from "../platform/form-pages.ts";
import type { App } from "../platform/http.ts";
import { rulesInput } from "./model.ts";
import { paths } from "./paths.ts";
import { confirmRun, previewRun, retentionPage, saveRules } from "./service.ts";
import { ConfirmRunView, RetentionPageView } from "./views.tsx";

const notices = { sparad: "retention.saved", gallrad: "retention.done" };

export function retentionPages(app: App): void {
  const allowed = { config: { permission: "retention.manage" as const } };

  app.get(paths.page.pattern, allowed, async (req, reply) => {
    const notice = noticeFrom(req.query, notices);
    return reply.page(<RetentionPageView view={req.view} data={await retentionPage(req.ctx)} notice={notice && req.t(notice)} />);
  });

  app.post(paths.rules.pattern, allowed, async (req, reply) =>
    handleForm(req, reply, {
      schema: rulesInput,
      run: (input) => saveRules(req.ctx, input),
      redirect: () => paths.page.href({ klart: "sparad" }),
      render: async (failed) => (
        <RetentionPageView view={req.view} data={await retentionPage(req.ctx)} values={failed.values} errors={failed.errors} />
      ),
    }),
  );

  // The first submit shows what would go (counts only) and changes nothing; the second runs it (decision 0038).
  app.post(paths.run.pattern, allowed, async (req, reply) => {
    if (!isConfirmed(req.body)) {
      const { counts } = await previewRun(req.ctx);
      return reply.page(<ConfirmRunView view={req.view} counts={counts} />);
    }
    await confirmRun(req.ctx);
    return reply.redirect(paths.page.href({ klart: "gallrad" }), 303);
  });
}
