import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  findChromium,
  launchChromium,
  newUser,
  screenshotPath,
  startServer,
  type TestServer,
} from "./harness.js";

const CHROMIUM = findChromium();
const SUITE = "web app in a real browser";
const SKIPPED = "skipped: chromium is not installed; apt-get install chromium, or set CHROMIUM_PATH";
if (!CHROMIUM) console.warn(`[${SUITE}] ${SKIPPED}`);

async function signIn(page: Page, url: string, who: RegExp) {
  await page.goto(url);
  await page.getByRole("button", { name: who }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

async function say(page: Page, text: string) {
  const box = page.getByLabel("Message");
  await box.fill(text);
  await box.press("Enter");
}

async function taperFadeCents(server: TestServer): Promise<number | undefined> {
  const { rows } = await server.db.query<{ price_cents: number }>(
    `SELECT s.price_cents FROM services s JOIN providers p ON p.id = s.provider_id
     WHERE p.user_id = 'demo-barber' AND s.name = 'Taper Fade'`,
  );
  return rows[0]?.price_cents;
}

(CHROMIUM ? describe : describe.skip)(
  CHROMIUM
    ? SUITE
    : `${SUITE} (skipped: chromium is not installed; apt-get install chromium, or set CHROMIUM_PATH)`,
  () => {
    let server: TestServer;
    let browser: Browser;

    beforeAll(async () => {
      [server, browser] = await Promise.all([startServer(), launchChromium(CHROMIUM!)]);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it("lets a barber change a price by chat, and the consumer's next search shows it", async () => {
      const barber = await (await newUser(browser)).newPage();
      await barber.goto(server.url);
      await barber.getByRole("heading", { name: "Sign in to Proxie" }).waitFor();
      await barber.screenshot({ path: screenshotPath("sign-in") });
      await signIn(barber, server.url, /Marcus Reed/);
      const taperFade = barber.locator("#profile tr", { hasText: "Taper Fade" });
      await taperFade.filter({ hasText: "$55" }).waitFor();
      await barber.screenshot({ path: screenshotPath("provider-console") });

      await say(barber, "I charge $18 for a fade now");
      const confirm = barber.locator(".confirm-card");
      await confirm.getByRole("button", { name: "Approve" }).waitFor();
      expect(await confirm.textContent()).toMatch(/Taper Fade.*\$55.*\$18/s);
      expect(await taperFadeCents(server)).toBe(5500); // nothing is written before the approval
      await confirm.getByRole("button", { name: "Approve" }).click();
      // The profile beside the chat shows the saved change, marked as such.
      await taperFade.filter({ hasText: "$18" }).filter({ hasText: "updated" }).waitFor();
      expect(await taperFadeCents(server)).toBe(1800);
      await barber.screenshot({ path: screenshotPath("provider-price-changed") });

      // A consumer signs in with the keyboard alone and searches.
      const consumer = await (await newUser(browser)).newPage();
      await consumer.goto(server.url);
      await consumer.getByRole("heading", { name: "Sign in to Proxie" }).waitFor();
      await consumer.keyboard.press("Tab");
      expect(
        await consumer.evaluate(
          () => `${document.activeElement?.tagName} ${document.activeElement?.textContent}`,
        ),
      ).toMatch(/^BUTTON Jordan Avery/);
      await consumer.keyboard.press("Enter");
      await say(consumer, "I need a fade near 78704");
      await consumer.getByTestId("active-agent").filter({ hasText: "Haircut specialist" }).waitFor();
      const card = consumer.locator(".provider-card", { hasText: "Fresh Fades Barbershop" });
      // The card shows the service the search matched, at its new price.
      await card.filter({ hasText: "Taper Fade $18" }).waitFor();
      expect(await card.locator(".slot").count()).toBeGreaterThan(0);
      expect(await consumer.locator(".msg-assistant").last().textContent()).toContain("Taper Fade $18");
      await consumer.screenshot({ path: screenshotPath("consumer-search") });
      await barber.context().close();
      await consumer.context().close();
    });

    it("books a haircut through the chat on approval, and the barber sees it arrive live", async () => {
      const barber = await (await newUser(browser)).newPage();
      await signIn(barber, server.url, /Marcus Reed/);
      await barber.locator("#notifications .connection-live").waitFor();

      const consumer = await (await newUser(browser)).newPage();
      await signIn(consumer, server.url, /Jordan Avery/);
      const before = await server.db.query<{ id: string }>(
        "SELECT id FROM bookings WHERE consumer_id = 'demo-consumer'",
      );
      await say(consumer, "I need a fade near 78704");
      await consumer.locator(".provider-card").first().waitFor();
      await say(consumer, "the first one");

      const confirm = consumer.locator(".confirm-card");
      await confirm.getByRole("button", { name: "Approve" }).waitFor();
      // Focus goes to what needs the user: the confirmation.
      await expect
        .poll(() => consumer.evaluate(() => document.activeElement?.classList.contains("confirm-card")))
        .toBe(true);
      const terms = Object.fromEntries(
        await confirm
          .locator(".terms > div")
          .evaluateAll((rows) =>
            rows.map((r) => [r.querySelector("dt")?.textContent, r.querySelector("dd")?.textContent]),
          ),
      ) as Record<string, string>;
      expect(terms.Provider).toBe("Fresh Fades Barbershop");
      await consumer.screenshot({ path: screenshotPath("consumer-confirm") });
      await confirm.getByRole("button", { name: "Approve" }).click();
      await consumer.locator(".confirm-card.confirm-approved").waitFor();
      await consumer
        .locator('[aria-label="Upcoming bookings"] .booking', { hasText: terms.Service })
        .first()
        .waitFor();

      const { rows } = await server.db.query<{
        id: string;
        status: string;
        provider: string;
        service_name: string;
        price_cents: number;
      }>(
        `SELECT b.id, b.status, p.name AS provider, b.service_name, b.price_cents
         FROM bookings b JOIN providers p ON p.id = b.provider_id
         WHERE b.consumer_id = 'demo-consumer' AND NOT (b.id = ANY($1::uuid[]))`,
        [before.rows.map((r) => r.id)],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        status: "confirmed",
        provider: "Fresh Fades Barbershop",
        service_name: terms.Service,
      });
      expect(`$${rows[0]!.price_cents / 100}`).toBe(terms.Price);
      await consumer.screenshot({ path: screenshotPath("consumer-booked") });

      // The barber's console hears of it over socket.io: a notification, and the booking in the week.
      await barber.locator(".notification.is-new", { hasText: "New booking" }).waitFor();
      await barber.locator("#schedule .slot-booking.is-new", { hasText: terms.Service }).waitFor();
      await barber.screenshot({ path: screenshotPath("provider-booking-arrived") });
      await barber.context().close();
      await consumer.context().close();
    });

    it("links the admin to the latest eval report, or says clearly that there is none", async () => {
      const admin = await (await newUser(browser)).newPage();
      await signIn(admin, server.url, /Admin/);
      const evals = admin.locator(".evals");
      await evals.getByText(/Open the latest eval report|No eval run yet/).waitFor();
      const report = await admin.request.get(`${server.url}/evals/latest/report.html`);
      if (await evals.getByRole("link", { name: "Open the latest eval report" }).count()) {
        expect(report.status()).toBe(200);
      } else {
        expect(report.status()).toBe(404);
        expect(await report.text()).toContain("No eval report yet");
      }
      await admin.screenshot({ path: screenshotPath("admin") });
      await admin.context().close();
    });

    it("fits a phone-sized screen", async () => {
      const phone = { width: 390, height: 844 };
      for (const [who, name] of [
        [/Jordan Avery/, "consumer-phone"],
        [/Marcus Reed/, "provider-phone"],
      ] as const) {
        const page = await (await newUser(browser, phone)).newPage();
        await signIn(page, server.url, who);
        await page.locator(".chat-intro, .msg").first().waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          phone.width,
        );
        await expect.poll(() => page.getByLabel("Message").isVisible()).toBe(true);
        await page.screenshot({ path: screenshotPath(name) });
        await page.context().close();
      }
    });
  },
);
