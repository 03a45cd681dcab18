/**
 * Long-term outcomes in a real browser, with axe on every page: the process leader records a
 * follow-up (the consent rule refused first), imports a comparison group of aggregates (a file with
 * a bad row first, nothing imported), and views the outcomes side by side. The app runs the real
 * background jobs (pg-boss).
 */
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { yearsAfter } from "../src/outcomes/model.ts";
import { createDueFollowups } from "../src/outcomes/service.ts";
import { addDays, todayInSweden } from "../src/platform/dates.ts";
import { checkA11y, describeBrowser, loginAs, screenshot, useBrowserApp } from "./browser.ts";

const JOURNEY_TIMEOUT = 240_000;

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: button, exact: true }).click()]);
}

describeBrowser("long-term outcomes (browser)", () => {
  const env = useBrowserApp({ jobs: true });

  it(
    "a process leader records a follow-up, imports a comparison group and sees the outcomes side by side",
    async () => {
      const db = env.t.database.db;
      // One family completed thirteen months ago: its one-year follow-up is due.
      const [p] = (
        await db.execute(sql`select p.id, (select rp.name from request_persons rp where rp.request_id = p.request_id and rp.kind = 'guardian' order by rp.position limit 1) as name
          from processes p where not exists (select 1 from outcome_followups f where f.process_id = p.id) order by p.id limit 1`)
      ).rows as Array<{ id: string; name: string }>;
      await db.execute(sql`update processes set completed_on = ${addDays(yearsAfter(todayInSweden(), -1), -30)}::date where id = ${p?.id}`);
      await createDueFollowups(db, todayInSweden());

      const page = await env.newPage();
      await loginAs(page, "processledare");
      await page.goto("/utfall");
      expect(await page.locator("h1").textContent()).toBe("Långsiktiga utfall");
      await checkA11y(page, "the follow-ups to record");
      await screenshot(page, "outcomes-list");

      await page
        .getByRole("link", { name: `Registrera uppföljningen för ${p?.name}` })
        .first()
        .click();
      await page.waitForURL(/\/utfall\/[0-9a-f-]{36}$/);
      await checkA11y(page, "the follow-up form");
      const answer = (legend: string, option: string) =>
        page.getByRole("group", { name: legend }).getByLabel(option, { exact: true }).check();
      await answer("Gick uppföljningen att göra?", "Ja, registrera utfallen");
      await answer("Har något barn placerats akut?", "Nej");
      await answer("Har någon förälder aktualiserats på nytt för missbruk?", "Ja");
      await answer("Finns vårdnadshavarnas samtycke till att skolnärvaron följs upp?", "Nej");
      await answer("Skolnärvaro", "Bibehållen");
      await submit(page, "Spara uppföljningen");
      expect(await page.locator("[data-error-summary] a").allTextContents()).toEqual([
        "Skolnärvaron får bara registreras när vårdnadshavarnas samtycke finns.",
      ]);
      await checkA11y(page, "the follow-up form with errors");
      await screenshot(page, "outcomes-form-errors");

      await answer("Finns vårdnadshavarnas samtycke till att skolnärvaron följs upp?", "Ja");
      await submit(page, "Spara uppföljningen");
      expect(await page.getByRole("status").textContent()).toContain("Uppföljningen är registrerad.");
      await checkA11y(page, "the list after recording");

      // A comparison group of aggregates: a file with a bad row is refused as a whole.
      await page.getByRole("link", { name: "Jämförelsegrupper", exact: true }).click();
      await page.waitForURL("**/utfall/jamforelsegrupper");
      await checkA11y(page, "the comparison groups");
      await page.getByRole("link", { name: "Importera en jämförelsegrupp" }).click();
      await checkA11y(page, "the comparison group upload");
      const from = yearsAfter(todayInSweden(), -3);
      const to = todayInSweden();
      const good = [
        "Mått;Horisont;Från;Till;Antal;Totalt",
        `akut placering;1;${from};${to};12;80`,
        `ny aktualisering;1;${from};${to};20;80`,
        `skolnärvaro bibehållen;1;${from};${to};50;70`,
      ];
      const bad = [...good.slice(0, 2), `fortsatt stöd;1;${from};${to};90;80`, ...good.slice(2)];
      await page.getByLabel(/^Aggregat/).check();
      await page
        .getByLabel("Fil")
        .setInputFiles({ name: "grannkommun.csv", mimeType: "text/csv", buffer: Buffer.from(bad.join("\n"), "utf8") });
      await submit(page, "Ladda upp och förhandsgranska");
      await page.waitForURL(/\/utfall\/jamforelsegrupper\/import\//);
      expect(await page.locator("#import-errors li").allTextContents()).toEqual([
        "Rad 3, antal med utfallet: antalet är större än totalen.",
      ]);
      await checkA11y(page, "the preview with a bad row");
      await screenshot(page, "outcomes-group-preview-errors");
      await page.getByLabel("Gruppens namn").fill("Grannkommunen 2023–2026");
      await submit(page, "Importera gruppen med alla rader");
      expect(await page.locator("#import-errors h2").textContent()).toBe("Ingenting importerades: 1 fel");
      expect(await db.execute(sql`select 1 from comparison_groups where name like 'Grannkommunen%'`).then((r) => r.rows.length)).toBe(0);
      await checkA11y(page, "the refused import");

      await page.goto("/utfall/jamforelsegrupper/ny");
      await page.getByLabel(/^Aggregat/).check();
      await page
        .getByLabel("Fil")
        .setInputFiles({ name: "grannkommun.csv", mimeType: "text/csv", buffer: Buffer.from(good.join("\n"), "utf8") });
      await submit(page, "Ladda upp och förhandsgranska");
      expect(await page.locator(".ds-alert[data-color=info]").textContent()).toContain("3 rader är klara att importeras.");
      await checkA11y(page, "the preview of a good file");
      await page.getByLabel("Gruppens namn").fill("Grannkommunen 2023–2026");
      await page.getByLabel("Beskrivning (hur gruppen valdes)").fill("Familjer i målgruppen i grannkommunen, ur deras årsrapport.");
      await submit(page, "Importera gruppen med alla rader");
      expect(await page.getByRole("status").textContent()).toContain("Jämförelsegruppen är importerad.");
      expect(await page.locator("table").textContent()).toContain("Grannkommunen 2023–2026");
      await checkA11y(page, "the comparison groups after import");
      await screenshot(page, "outcomes-groups");

      await page.getByRole("link", { name: "Utfall jämfört med jämförelsegrupper" }).click();
      await page.waitForURL("**/utfall/resultat");
      expect(await page.locator(".ds-alert[data-color=warning]").textContent()).toContain("Jämförelsegruppen är inte slumpad.");
      const table = page.locator("table", { has: page.locator("caption", { hasText: "Utfall 1 år efter avslut" }) });
      const cells = await table.locator("tr", { hasText: "Grannkommunen" }).first().locator("td").allTextContents();
      expect(cells.map((s) => s.replace(/\s/g, " "))).toEqual(["12", "80", "15 %"]);
      expect(await page.locator("svg[role=img]").count()).toBe(2);
      await checkA11y(page, "the outcomes side by side");
      await screenshot(page, "outcomes-results");
    },
    JOURNEY_TIMEOUT,
  );
});
