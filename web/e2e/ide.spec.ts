// The offline IDE: it loads with nothing from outside the machine, logs in
// a demo account, and runs the federated query through the router.
import { expect, test } from "@playwright/test";

test("the IDE runs the federated query, offline", async ({ page }) => {
  const outside: string[] = [];
  await page.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === "127.0.0.1" || host === "localhost") return route.continue();
    outside.push(route.request().url());
    return route.abort();
  });

  await page.goto("/graphiql/");
  await expect(page.locator(".graphiql-container")).toBeVisible();
  await page.getByRole("button", { name: /Log in and set the Authorization header/ }).click();
  await expect(page.getByRole("status")).toHaveText("signed in as customer@shop.test");
  await expect(page.locator(".graphiql-editor-tool")).toContainText("Bearer");

  await page.getByRole("button", { name: /Execute query/ }).click();
  const result = page.locator(".graphiql-response");
  await expect(result).toContainText('"orders"');
  await expect(result).toContainText('"name"');
  await expect(result).not.toContainText('"errors"');
  await page.screenshot({ path: "test-results/ide.png" });

  expect(outside, "requests to outside the machine").toEqual([]);
});
