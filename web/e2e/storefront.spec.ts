// The storefront, as a shopper uses it: a purchase from a misspelt search
// to the invoice PDF, and a declined card.
import { readFile } from "node:fs/promises";
import { addAddressAtCheckout, addToCart, expect, expectAccessible, linkFromMail, pay, registerCustomer, shot, test } from "./fixtures";

test("purchase: register, search with a typo, filter by a facet, pay with tok_visa, download the invoice", async ({ page, api }) => {
  const product = await api.createProduct({ stock: 20 });
  await registerCustomer(page);
  await expectAccessible(page, "home");
  await shot(page, "home");

  // "qorvexa" written "qrvexa": the typo-tolerant search says what it read.
  const typo = product.word.slice(0, 1) + product.word.slice(2);
  await page.getByRole("searchbox", { name: "Search products" }).fill(`${typo} teapot`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByTestId("searched-as")).toContainText(`Showing results for ${product.word} teapot`);
  await page.getByRole("checkbox", { name: product.brand }).check();
  await expect(page).toHaveURL(new RegExp(`brand=${product.brand}`));
  await expect(page.getByText("1 product", { exact: true })).toBeVisible();
  const card = page.getByRole("link", { name: product.name });
  await expect(card).toBeVisible();
  await expectAccessible(page, "search");
  await shot(page, "search");

  await card.click();
  await expect(page.getByRole("heading", { level: 1, name: product.name })).toBeVisible();
  await expect(page.getByRole("row", { name: /Material porcelain/ })).toBeVisible();
  await expect(page.getByText(/Shipping to US 10001: \$/)).toBeVisible();
  await expectAccessible(page, "product");
  await shot(page, "product");

  await addToCart(page, product.id, 2);
  await page.goto("/cart");
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByTestId("cart-line")).toContainText(product.name);
  await expectAccessible(page, "cart");
  await shot(page, "cart");

  await page.getByRole("link", { name: "Check out" }).click();
  await addAddressAtCheckout(page);
  await expectAccessible(page, "checkout");
  await shot(page, "checkout");
  await pay(page, "tok_visa");

  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]+\?placed=1/);
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  await expect(page.getByTestId("invoice-number")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download invoice (PDF)" }).click();
  const pdf = await readFile(await (await download).path());
  expect(pdf.subarray(0, 4).toString("latin1")).toBe("%PDF");
  await shot(page, "order");

  await page.goto("/orders");
  await expect(page.getByRole("row", { name: new RegExp(`2 × ${product.name}`) })).toBeVisible();

  // The receipt arrives as an in-app notification (order.paid, over RabbitMQ).
  await expect(async () => {
    await page.goto("/notifications");
    await expect(page.getByRole("listitem").filter({ hasText: "Receipt for order" })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByRole("button", { name: /Mark all \d+ as read/ }).click();
  await expect(page.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
});

test("decline: tok_declined shows the reason and the cart is kept", async ({ page, api }) => {
  const product = await api.createProduct({ stock: 5 });
  await registerCustomer(page);
  await addToCart(page, product.id, 1);
  await page.goto("/checkout");
  await addAddressAtCheckout(page);
  await pay(page, "tok_declined");

  const alert = page.locator('[role="alert"][data-code="PAYMENT_DECLINED"]');
  await expect(alert).toContainText("Your payment was declined: Card declined");
  await expect(alert).toContainText("Your cart is kept");
  await page.goto("/cart");
  await expect(page.getByTestId("cart-line")).toContainText(product.name);

  // The same cart then goes through with a good card (a new idempotency key).
  await page.goto("/checkout");
  await pay(page, "tok_visa");
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
});

test("timeout: the storefront retries with the same idempotency key, so the order is paid once", async ({ page, api }) => {
  const product = await api.createProduct({ stock: 5 });
  await registerCustomer(page);
  await addToCart(page, product.id, 1);
  const keys: string[] = [];
  page.on("request", (request) => {
    const body = request.postDataJSON?.();
    if (body?.operationName === "Checkout") keys.push(body.variables.input.idempotencyKey);
  });
  await page.goto("/checkout");
  await addAddressAtCheckout(page);
  await pay(page, "tok_timeout");

  // The bank's first answer is a timeout; the retry with the same key finishes the same checkout.
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  expect(keys.length, "checkout attempts").toBeGreaterThan(1);
  expect(new Set(keys).size, "idempotency keys used").toBe(1);
  await expect(page.getByTestId("payment")).toHaveCount(1);
  await expect(page.getByTestId("payment")).toContainText("Captured");
  await page.goto("/orders");
  await expect(page.getByRole("row", { name: new RegExp(product.name) })).toHaveCount(1);
});

test("password reset: the emailed link sets a new password, and the old one stops working", async ({ page }) => {
  const { email, password } = await registerCustomer(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("status")).toContainText("a reset link is on its way");

  const link = new URL(await linkFromMail(email, "/reset-password"));
  await page.goto(link.pathname + link.search);
  await page.getByLabel("New password").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Choose a new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");

  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator('[role="alert"][data-code="UNAUTHENTICATED"]')).toBeVisible();
  await page.getByLabel("Password").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
