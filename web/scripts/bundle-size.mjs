// Reports an app's initial JavaScript, gzipped: the entry script of
// dist/index.html and every module it preloads (what the browser fetches
// before the first page shows; lazy pages are not counted). Fails above the
// budget. Usage: node scripts/bundle-size.mjs <app> <budget KB>
import { readFileSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const [app, budgetKb] = process.argv.slice(2);
const dist = join(dirname(fileURLToPath(import.meta.url)), "..", app, "dist");
const html = readFileSync(join(dist, "index.html"), "utf8");
const scripts = [...html.matchAll(/<(?:script[^>]*type="module"[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+)"/g)].map((m) => m[1]);
if (!scripts.length) throw new Error(`no entry script in ${app}/dist/index.html`);
let raw = 0;
let gzipped = 0;
const files = [];
for (const src of scripts) {
  const path = src.replace(/^\/(admin\/)?/, "");
  const bytes = readFileSync(join(dist, path));
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += gz;
  files.push({ file: path, bytes: bytes.length, gzipped: gz });
}
const kb = (n) => (n / 1024).toFixed(1);
console.log(`${app}: initial JavaScript ${kb(gzipped)} KB gzipped (${kb(raw)} KB raw, ${files.length} file(s)); budget ${budgetKb} KB`);
writeFileSync(join(dist, "bundle-size.json"), JSON.stringify({ app, budgetKb: Number(budgetKb), raw, gzipped, files }, null, 2));
if (gzipped > Number(budgetKb) * 1024) {
  console.error(`${app}: over the budget of ${budgetKb} KB gzipped`);
  process.exit(1);
}
