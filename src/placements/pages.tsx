/**
 * The placements pages: routes that decode the form by the service's input schema (the API's body;
 * decision 0035), call the service and render or redirect (no JavaScript needed).
 */
import { handleForm, noticeFrom } from "../platform/form-pages.ts";
import type { App } from "../platform/http.ts";
import { paths } from "./paths.ts";
import {
  actionDoneBody,
  attendanceBody,
  childBody,
  forumBody,
  heldBody,
  placementBody,
  placementEndBody,
  placementPatchBody,
  reviewBody,
} from "./schemas.ts";
import * as placements from "./service.ts";
import {
  ChildFormPage,
  ChildListPage,
  ChildPage,
  EndPlacementPage,
  ForumFormPage,
  ForumListPage,
  ForumPage,
  PlacementFormPage,
  ReviewFormPage,
} from "./views.tsx";

type Params = { Params: { id: string } };
type ReviewParams = { Params: { id: string; childId: string } };

const notices: Record<string, string> = {
  registrerad: "placements.notice.created",
  sparad: "placements.notice.saved",
  avslutad: "placements.notice.ended",
  planerat: "placements.notice.forumCreated",
  narvaro: "placements.notice.attendance",
  hallet: "placements.notice.held",
  beslut: "placements.notice.review",
  klar: "placements.notice.actionDone",
};

const query = (req: { query: unknown }) => (req.query ?? {}) as Record<string, unknown>;
const read = { config: { permission: "placements.read" as const } };
const write = { config: { permission: "placements.write" as const } };

export function placementsPages(app: App): void {
  app.get(paths.list.pattern, read, async (req, reply) => {
    const list = await placements.listChildren(req.ctx);
    return reply.page(<ChildListPage view={req.view} list={list} notice={noticeFrom(query(req), notices)} />);
  });

  app.get(paths.newChild.pattern, write, async (req, reply) => {
    const barn = query(req).barn;
    const data = await placements.childForm(req.ctx, typeof barn === "string" && barn !== "" ? barn : undefined);
    if (data.existingChildId) return reply.redirect(paths.newPlacement.href({ id: data.existingChildId }), 303);
    return reply.page(<ChildFormPage view={req.view} data={data} />);
  });

  app.post(paths.newChild.pattern, write, async (req, reply) =>
    handleForm(req, reply, {
      schema: childBody,
      run: (input) => placements.createChild(req.ctx, input),
      redirect: ({ id }) => paths.child.href({ id }, { klart: "registrerad" }),
      render: async (failed) => {
        const person = failed.values.requestPersonId;
        const data = await placements.childForm(req.ctx, typeof person === "string" && person !== "" ? person : undefined);
        return <ChildFormPage view={req.view} data={data} values={failed.values} failure={failed} />;
      },
    }),
  );

  app.get<Params>(paths.child.pattern, read, async (req, reply) => {
    const data = await placements.getChild(req.ctx, req.params.id);
    return reply.page(<ChildPage view={req.view} data={data} notice={noticeFrom(query(req), notices)} />);
  });

  app.get<Params>(paths.newPlacement.pattern, write, async (req, reply) => {
    const data = await placements.getChild(req.ctx, req.params.id);
    return reply.page(<PlacementFormPage view={req.view} child={data.child} />);
  });

  app.post<Params>(paths.newPlacement.pattern, write, async (req, reply) =>
    handleForm(req, reply, {
      schema: placementBody,
      run: (input) => placements.addPlacement(req.ctx, req.params.id, input),
      redirect: ({ id }) => paths.child.href({ id }, { klart: "registrerad" }),
      render: async (failed) => {
        const data = await placements.getChild(req.ctx, req.params.id);
        return <PlacementFormPage view={req.view} child={data.child} values={failed.values} failure={failed} />;
      },
    }),
  );

  app.get<Params>(paths.editPlacement.pattern, write, async (req, reply) => {
    const data = await placements.getPlacement(req.ctx, req.params.id);
    return reply.page(<PlacementFormPage view={req.view} child={data.child} placement={data.placement} />);
  });

  app.post<Params>(paths.editPlacement.pattern, write, async (req, reply) =>
    handleForm(req, reply, {
      schema: placementPatchBody,
      decode: { shown: ["kind", "legalBasis", "startDate", "plannedEndDate", "returnHomePlan"] },
      run: (input) => placements.updatePlacement(req.ctx, req.params.id, input),
      redirect: ({ id }) => paths.child.href({ id }, { klart: "sparad" }),
      render: async (failed) => {
        const data = await placements.getPlacement(req.ctx, req.params.id);
        return <PlacementFormPage view={req.view} child={data.child} placement={data.placement} values={failed.values} failure={failed} />;
      },
    }),
  );

  app.get<Params>(paths.endPlacement.pattern, write, async (req, reply) => {
    const data = await placements.getPlacement(req.ctx, req.params.id);
    return reply.page(<EndPlacementPage view={req.view} data={data} values={{ endDate: req.ctx.clock.today() }} />);
  });

  app.post<Params>(paths.endPlacement.pattern, write, async (req, reply) =>
    handleForm(req, reply, {
      schema: placementEndBody,
      run: (input) => placements.endPlacement(req.ctx, req.params.id, input),
      redirect: ({ id }) => paths.child.href({ id }, { klart: "avslutad" }),
      render: async (failed) => {
        const data = await placements.getPlacement(req.ctx, req.params.id);
        return <EndPlacementPage view={req.view} data={data} values={failed.values} failure={failed} />;
      },
    }),
  );

  app.get(paths.forums.pattern, read, async (req, reply) => {
    const list = await placements.listForums(req.ctx);
    return reply.page(<ForumListPage view={req.view} list={list} notice={noticeFrom(query(req), notices)} />);
  });

  app.get(paths.newForum.pattern, write, async (req, reply) => {
    const data = await placements.forumForm(req.ctx);
    return reply.page(<ForumFormPage view={req.view} data={data} />);
  });

  app.post(paths.newForum.pattern, write, async (req, reply) =>
    handleForm(req, reply, {
      schema: forumBody,
      run: (input) => placements.createForum(req.ctx, input),
      redirect: ({ id }) => paths.forum.href({ id }, { klart: "planerat" }),
      render: async (failed) => {
        const data = await placements.forumForm(req.ctx);
        return <ForumFormPage view={req.view} data={data} values={failed.values} failure={failed} />;
      },
    }),
  );

  app.get<Params>(paths.forum.pattern, read, async (req, reply) => {
    const data = await placements.getForum(req.ctx, req.params.id);
    return reply.page(<ForumPage view={req.view} data={data} notice={noticeFrom(query(req), notices)} />);
  });

  app.post<Params>(paths.forumAttendance.pattern, write, async (req, reply) =>
    handleForm(req, reply, {
      schema: attendanceBody,
      run: (input) => placements.setAttendance(req.ctx, req.params.id, input),
      redirect: ({ id }) => paths.forum.href({ id }, { klart: "narvaro" }),
      render: async (failed) => {
        const data = await placements.getForum(req.ctx, req.params.id);
        return <ForumPage view={req.view} data={data} values={failed.values} failure={failed} />;
      },
    }),
  );

  app.post<Params>(paths.forumHeld.pattern, write, async (req, reply) =>
    handleForm(req, reply, {
      schema: heldBody,
      run: (input) => placements.markHeld(req.ctx, req.params.id, input),
      redirect: ({ id }) => paths.forum.href({ id }, { klart: "hallet" }),
      conflict: "field",
      render: async (failed) => {
        const data = await placements.getForum(req.ctx, req.params.id);
        return <ForumPage view={req.view} data={data} values={failed.values} failure={failed} />;
      },
    }),
  );

  app.get<ReviewParams>(paths.review.pattern, write, async (req, reply) => {
    const { page, item } = await placements.getReviewItem(req.ctx, req.params.id, req.params.childId);
    return reply.page(<ReviewFormPage view={req.view} page={page} item={item} />);
  });

  app.post<ReviewParams>(paths.review.pattern, write, async (req, reply) =>
    handleForm(req, reply, {
      schema: reviewBody,
      run: (input) => placements.recordReview(req.ctx, req.params.id, { ...input, placedChildId: req.params.childId }),
      redirect: ({ id }) => paths.forum.href({ id }, { klart: "beslut" }),
      conflict: "field",
      render: async (failed) => {
        const { page, item } = await placements.getReviewItem(req.ctx, req.params.id, req.params.childId);
        return <ReviewFormPage view={req.view} page={page} item={item} values={failed.values} failure={failed} />;
      },
    }),
  );

  app.post<Params>(paths.actionDone.pattern, write, async (req, reply) => {
    // The page the step was marked on (the forum's agenda or the child's page): back there when
    // done, and there again with the failure (a stale version: someone marked or changed it first).
    const { forum, barn } = query(req);
    const onForum = typeof forum === "string" && forum !== "" ? forum : undefined;
    const onChild = typeof barn === "string" && barn !== "" ? barn : undefined;
    return handleForm(req, reply, {
      schema: actionDoneBody,
      run: (input) => placements.markActionDone(req.ctx, req.params.id, input),
      redirect: (done) =>
        onForum ? paths.forum.href({ id: onForum }, { klart: "klar" }) : paths.child.href({ id: done.placedChildId }, { klart: "klar" }),
      render: async (failed) => {
        if (onForum) return <ForumPage view={req.view} data={await placements.getForum(req.ctx, onForum)} failure={failed} />;
        if (onChild) return <ChildPage view={req.view} data={await placements.getChild(req.ctx, onChild)} failure={failed} />;
        return { redirect: paths.list.href() };
      },
    });
  });
}
