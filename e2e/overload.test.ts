import net from "node:net";
import { expect, it } from "vitest";
import { waitUntil } from "../test/wait.ts";
import { checkA11y, describeBrowser, useBrowserApp } from "./browser.ts";

describeBrowser("under overload (decision 0053)", () => {
  // One request in flight at a time, so that one held request fills the app.
  const env = useBrowserApp({ maxInFlight: 1 });

  const inFlight = async () => {
    const metrics = await (await fetch(`${env.baseUrl}/metrics`)).text();
    return Number(/^sofia_http_requests_in_flight (\d+)/m.exec(metrics)?.[1] ?? "NaN");
  };

  it("shows the Swedish 503 page with Retry-After while the app is full, and the page again once it is not", async () => {
    // A form post whose body never finishes: its request has begun (and counts) but never ends.
    const { port } = new URL(env.baseUrl);
    const held = net.connect(Number(port), "127.0.0.1");
    await new Promise<void>((resolve, reject) => {
      held.once("connect", () => resolve());
      held.once("error", reject);
    });
    try {
      held.write(
        "POST /logga-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nusername=",
      );
      await waitUntil("the held request to be in flight", inFlight, (n) => n === 1);

      const page = await env.newPage();
      const refused = await page.goto("/logga-in");
      expect(refused?.status()).toBe(503);
      expect(await refused?.headerValue("retry-after")).toBe("5");
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Sofia har mycket att göra just nu");
      await expect(page.getByText("Försök igen om 5 sekunder.").count()).resolves.toBe(1);
      await checkA11y(page, "the overload page");
    } finally {
      held.destroy();
    }

    await waitUntil("the held request to be gone", inFlight, (n) => n === 0);
    const page = await env.newPage();
    const answered = await page.goto("/logga-in");
    expect(answered?.status()).toBe(200);
    await checkA11y(page, "the login page after the overload");
  });
});
