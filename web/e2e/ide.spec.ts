// The offline IDE: it loads with nothing from outside the machine, logs in
// a demo account, and runs the federated query through the router.
import { expect, shot, test } from "./fixtures";

test("the IDE runs the federated query, offline", async ({ page }) => {
  await page.goto("/graphiql/");
  await expect(page.locator(".graphiql-container")).toBeVisible();
  await page.getByRole("button", { name: /Log in and set the Authorization header/ }).click();
  await expect(page.getByRole("status")).toHaveText("signed in as customer@shop.test");
  await expect(page.locator(".graphiql-editor-tool")).toContainText("Bearer");

  // Signing in remounts the editor with the new headers: run the query once it is back.
  await expect(page.locator(".graphiql-query-editor")).toContainText("query MyOrders");
  await page.getByRole("button", { name: /Execute query/ }).click();
  const result = page.locator(".graphiql-response");
  await expect(result).toContainText('"orders"');
  await expect(result).toContainText('"name"');
  await expect(result).not.toContainText('"errors"');
  await shot(page, "ide");
});

test("the web server passes invoice PDFs to the order service", async ({ request }) => {
  // No token: the order service itself answers, with its typed error.
  const anonymous = await request.get("/invoices/00000000-0000-7000-8000-000000000000.pdf");
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).code).toBe("UNAUTHENTICATED");
  const garbage = await request.get("/invoices/not-an-id.pdf");
  expect(garbage.status()).toBe(400);
  expect((await garbage.json()).code).toBe("BAD_USER_INPUT");
});
