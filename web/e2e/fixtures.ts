// What every browser test shares:
// - `page` refuses and records every request that leaves the machine, and
//   the test fails if there was one (nothing of the shop may load from
//   elsewhere);
// - `api`: GraphQL through the web server's /graphql, for set-up (a staff
//   member creating a product, say) that is not what the test is about;
// - `expectAccessible`: axe-core finds no serious or critical violation;
// - `shot`: a screenshot of the page under test-results/screenshots/.
import { test as base, expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const WEB_URL = process.env.SHOP_WEB_URL ?? "http://127.0.0.1:3000";

export const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost"]);

type Fixtures = {
  api: Api;
  /** A second browser (its own cookies and storage: a staff member beside
   * the shopper), held to the same rule. */
  otherPage: Page;
};

/** Refuses every request of `target` that leaves the machine, into `outside`. */
async function keepLocal(target: Page | BrowserContext, outside: string[]) {
  await target.route(
    (url) => !LOCAL_HOSTS.has(url.hostname),
    (route) => {
      outside.push(route.request().url());
      return route.abort();
    },
  );
}

export const test = base.extend<Fixtures>({
  page: async ({ page }, use) => {
    const outside: string[] = [];
    await keepLocal(page, outside);
    await use(page);
    expect(outside, "requests the page made to outside the machine").toEqual([]);
  },
  otherPage: async ({ browser }, use) => {
    const context = await browser.newContext();
    const outside: string[] = [];
    await keepLocal(context, outside);
    await use(await context.newPage());
    await context.close();
    expect(outside, "requests the second page made to outside the machine").toEqual([]);
  },
  api: async ({ request }, use) => {
    await use(new Api(request));
  },
});

export { expect };

export class Api {
  constructor(private request: APIRequestContext) {}

  async graphql<T = any>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const answer = await this.request.post("/graphql", {
      data: { query, variables },
      headers: token ? { Authorization: `Bearer ${token}` } : {},
    });
    const body = await answer.json();
    if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data as T;
  }

  async token(email: string, password: string): Promise<string> {
    const data = await this.graphql<{ login: { accessToken: string } }>(
      "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }",
      { email, password },
    );
    return data.login.accessToken;
  }

  staffToken() {
    return this.token("staff@shop.test", "staff-password");
  }

  /** A product of its own for one test: a made-up word in its name, so a
   * search finds it alone, and its own brand. */
  async createProduct(opts: { stock: number; price?: string; lowStockThreshold?: number }) {
    const word = uniqueWord();
    const brand = `Brand${uniqueWord()}`;
    const token = await this.staffToken();
    const data = await this.graphql<{ createProduct: { id: string; name: string } }>(
      `mutation($input: CreateProductInput!) { createProduct(input: $input) { id name } }`,
      {
        input: {
          name: `${capitalise(word)} Teapot`,
          description: `A teapot called ${word}, made for the browser tests.`,
          price: { amount: opts.price ?? "24.50", currency: "USD" },
          stock: opts.stock,
          lowStockThreshold: opts.lowStockThreshold ?? 3,
          brand,
          sku: `E2E-${word.toUpperCase()}`,
          weightGrams: 800,
          status: "ACTIVE",
          images: [{ url: `${WEB_URL}/images/teapot.svg`, alt: `${capitalise(word)} teapot` }],
          attributes: [
            { key: "material", text: "porcelain" },
            { key: "capacity_ml", number: 900 },
          ],
        },
      },
      token,
    );
    return { ...data.createProduct, word, brand };
  }
}

/** Seven random lower-case letters. */
export function uniqueWord(): string {
  const letters = "bcdfghjklmnpqrstvwxz";
  const vowels = "aeiou";
  let word = "";
  for (let i = 0; i < 7; i++) {
    const set = i % 2 ? vowels : letters;
    word += set[Math.floor(Math.random() * set.length)];
  }
  return word;
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad, `serious or critical accessibility violations on the ${what} page`).toEqual([]);
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

/** Registers a new customer in the storefront and leaves them signed in. */
export async function registerCustomer(page: Page) {
  const email = `shopper-${uniqueWord()}-${Date.now()}@example.test`;
  const password = "correct horse battery";
  await page.goto("/register");
  await page.getByLabel("Name").fill("Sam Shopper");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create an account" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return { email, password };
}

/** Opens `productId`, adds `quantity` to the cart. */
export async function addToCart(page: Page, productId: string, quantity = 1) {
  await page.goto(`/products/${productId}`);
  await page.getByLabel("Quantity").fill(String(quantity));
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added" })).toBeVisible();
}

/** On the checkout page: adds a shipping address when there is none. */
export async function addAddressAtCheckout(page: Page) {
  const form = page.getByRole("form", { name: "New address" });
  await form.getByLabel("Recipient").fill("Sam Shopper");
  await form.getByLabel("Address line 1").fill("1 Main Street");
  await form.getByLabel("City").fill("New York");
  await form.getByLabel("Postal code").fill("10001");
  await form.getByLabel("Country (2 letters)").fill("US");
  await form.getByRole("button", { name: "Add address" }).click();
  await expect(page.getByRole("radio", { name: /Sam Shopper, 1 Main Street/ })).toBeChecked();
}

export async function pay(page: Page, token: string) {
  await page.getByRole("radio", { name: new RegExp(token) }).check();
  await page.getByRole("button", { name: "Place order" }).click();
}

/** Signs in to the admin app as the demo staff member. */
export async function adminSignIn(page: Page, email = "staff@shop.test", password = "staff-password") {
  await page.goto("/admin/");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Where the services write the mail they send without SMTP_URL
 * (`cargo xtask browser-test` says; by hand, the dev stack's). */
const MAIL_DIR = `${process.env.SHOP_E2E_DATA_DIR ?? "../.data"}/mail`;

/** The first link to `path` in the newest mail to `to`, waiting for it:
 * mail travels from the service that asks, over RabbitMQ, to the
 * notification service. */
export async function linkFromMail(to: string, path: string): Promise<string> {
  const { readdir, readFile, stat } = await import("node:fs/promises");
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const names = await readdir(MAIL_DIR).catch(() => [] as string[]);
    const mails = await Promise.all(
      names.filter((n) => n.endsWith(".eml")).map(async (n) => ({ n, t: (await stat(`${MAIL_DIR}/${n}`)).mtimeMs })),
    );
    for (const { n } of mails.sort((a, b) => b.t - a.t)) {
      const raw = await readFile(`${MAIL_DIR}/${n}`, "utf8");
      if (raw.match(/^To: (.*?)\r?$/m)?.[1] !== to) continue;
      // Quoted-printable: soft line breaks, then =XX escapes.
      const text = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
      const link = text.match(new RegExp(`https?://[^\\s"<]*${path}[^\\s"<]*`));
      if (link) return link[0];
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no mail to ${to} with a link to ${path} in ${MAIL_DIR} within 30 s`);
}
