import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The storefront, served at / by the web server (`cargo xtask dev`).
export default defineConfig({
  base: "/",
  plugins: [react()],
  build: { outDir: "dist" },
});
