/**
 * The demo's placed children and forums (issue 18): four children of Barn och unga Norr, one of
 * them a child of a Sofia family the demo's child caseworker works with, the others without a
 * process; a forum held about a month ago with its decisions (some next steps done, some overdue,
 * some open) and one planned next week. Dates count back from the clock's today; no randomness.
 */
import { sql } from "drizzle-orm";
import {
  placedChildren,
  placementForumActions,
  placementForumAttendees,
  placementForumReviews,
  placementForums,
  placements,
  users,
} from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import { addDays } from "../platform/dates.ts";
import { sealIdentityNumber } from "../platform/identity-crypto.ts";

async function insertOne<T extends { id: string }>(q: Promise<T[]>): Promise<string> {
  const [row] = await q;
  if (!row) throw new Error("demo placement row not inserted");
  return row.id;
}

export async function seedDemoPlacements(db: DbOrTx, municipalityId: string, unitId: Map<string, string>, today: string): Promise<void> {
  const norr = unitId.get("barn-norr");
  if (!norr) return;
  const staff = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(sql`${users.municipalityId} = ${municipalityId}`);
  const user = (name: string) => staff.find((u) => u.username === name)?.id ?? "";
  const manager = user("enhetschef");
  const caseworker = user("barnhandlaggare");
  const leader = user("processledare");
  const adult = user("vuxenhandlaggare");
  if (!manager || !caseworker || !leader) return;
  const day = (n: number) => addDays(today, n);

  // A child of a Sofia family at Barn och unga Norr whose active process the child caseworker is assigned to.
  const sofia = await db.execute<{ id: string; guardian_id: string | null }>(sql`
    select rp.id, (select g.id from request_persons g where g.request_id = rp.request_id and g.kind = 'guardian' order by g.position limit 1) as guardian_id
    from request_persons rp
    join processes p on p.request_id = rp.request_id and p.status = 'active'
    join process_assignments pa on pa.process_id = p.id and pa.user_id = ${caseworker} and pa.ended_on is null
    where rp.kind = 'child' and rp.unit_id = ${norr}
    order by p.started_on, rp.id limit 1`);
  const sofiaChild = sofia.rows[0];

  const child = (values: Partial<typeof placedChildren.$inferInsert>) =>
    insertOne(
      db
        .insert(placedChildren)
        .values({ municipalityId, unitId: norr, caseworkerId: caseworker, createdBy: caseworker, ...values })
        .returning({ id: placedChildren.id }),
    );
  const placement = (placedChildId: string, values: Omit<typeof placements.$inferInsert, "placedChildId" | "createdBy">) =>
    insertOne(
      db
        .insert(placements)
        .values({ placedChildId, createdBy: caseworker, ...values })
        .returning({ id: placements.id }),
    );

  const kids: Array<{ id: string; placementId: string; guardianId: string | null; label: string | null }> = [];
  if (sofiaChild) {
    const id = await child({ requestPersonId: sofiaChild.id });
    const placementId = await placement(id, {
      kind: "emergency_foster_home",
      legalBasis: "sol",
      startDate: day(-75),
      plannedEndDate: day(15),
      returnHomePlan:
        "Hemflytt när pappa har fullföljt öppenvården och haft tre månader utan återfall. Stödfamilj varannan helg efter flytten.",
    });
    kids.push({ id, placementId, guardianId: sofiaChild.guardian_id, label: null });
  }
  {
    const id = await child({ name: "Nora Lindqvist", birthDate: day(-(9 * 365 + 40)) });
    const placementId = await placement(id, {
      kind: "foster_home",
      legalBasis: "lvu",
      startDate: day(-420),
      plannedEndDate: null,
      returnHomePlan: "Umgänge med mamma varannan vecka; ny bedömning av hemflytt efter mammas behandling.",
    });
    kids.push({ id, placementId, guardianId: null, label: "mamma" });
  }
  {
    const id = await child({ name: "Elias Berg", birthDate: day(-(4 * 365 + 200)), ...sealIdentityNumber(null), caseworkerId: null });
    const placementId = await placement(id, {
      kind: "emergency_foster_home",
      legalBasis: "sol",
      startDate: day(-50),
      plannedEndDate: day(40),
      returnHomePlan: null,
    });
    kids.push({ id, placementId, guardianId: null, label: "pappa" });
  }
  {
    const id = await child({ name: "Alva Holm", birthDate: day(-(14 * 365 + 100)) });
    const placementId = await placement(id, {
      kind: "residential_care",
      legalBasis: "sol",
      startDate: day(-130),
      plannedEndDate: day(-20),
      endDate: day(-10),
      endDestination: "home",
      returnHomePlan: "Hemflytt med stöd av familjebehandlare två gånger i veckan.",
    });
    kids.push({ id, placementId, guardianId: null, label: "mamma" });
  }

  const held = await insertOne(
    db
      .insert(placementForums)
      .values({ municipalityId, unitId: norr, forumDate: day(-28), convenedBy: manager, heldAt: new Date(`${day(-28)}T13:00:00Z`) })
      .returning({ id: placementForums.id }),
  );
  await db.insert(placementForums).values({ municipalityId, unitId: norr, forumDate: day(7), convenedBy: manager });
  await db.insert(placementForumAttendees).values([manager, caseworker, leader].map((userId) => ({ forumId: held, userId })));

  const decisions = [
    "Fortsatt jourhemsplacering; hemflytt planeras när pappas behandling är klar.",
    "Placeringen fortsätter; umgänget utökas om mammas behandling går bra.",
    "Utred om placeringen kan avslutas före planerat slut.",
    "Hemflytt i början av nästa månad med stöd hemma.",
  ];
  for (const [i, k] of kids.entries()) {
    const reviewId = await insertOne(
      db
        .insert(placementForumReviews)
        .values({
          forumId: held,
          placedChildId: k.id,
          placementId: k.placementId,
          decision: decisions[i] ?? decisions[0] ?? "",
          createdBy: manager,
        })
        .returning({ id: placementForumReviews.id }),
    );
    const parent = k.guardianId ? { guardianId: k.guardianId, parentLabel: null } : { guardianId: null, parentLabel: k.label };
    await db.insert(placementForumActions).values([
      {
        reviewId,
        subject: "child",
        action: "Samtal med barnet om hur det vill ha det hemma.",
        responsibleId: caseworker,
        dueDate: day(-14),
        doneOn: i % 2 === 0 ? day(-16) : null,
      },
      {
        reviewId,
        subject: "parent",
        ...parent,
        action: "Planera stödet hemma med föräldern.",
        support: "Öppenvård, Beroendeenheten 1",
        responsibleId: adult || caseworker,
        dueDate: i % 2 === 0 ? day(-3) : day(10),
        doneOn: null,
      },
    ]);
  }
}
