// Browser tests in Debian's Chromium, against the stack `cargo xtask
// browser-test` starts (it sets SHOP_WEB_URL and CHROMIUM_PATH); by hand,
// against a running `cargo xtask dev`: `cd web && npx playwright test`.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // Two cores run the whole stack too: one browser at a time.
  workers: 1,
  reporter: [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: process.env.SHOP_WEB_URL ?? "http://127.0.0.1:3000",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    viewport: { width: 1280, height: 900 },
  },
});
