// Browser tests against a running stack (`cargo xtask dev`), in Debian's
// Chromium. SHOP_WEB_URL points them elsewhere.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  reporter: "list",
  use: {
    baseURL: process.env.SHOP_WEB_URL ?? "http://127.0.0.1:3000",
    launchOptions: { executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" },
    screenshot: "only-on-failure",
  },
});
