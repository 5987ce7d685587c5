import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The offline GraphQL IDE, served at /graphiql/ by the web server
// (`cargo xtask dev`): every script, style and font is bundled here.
export default defineConfig({
  base: "/graphiql/",
  plugins: [react()],
  build: { outDir: "dist", chunkSizeWarningLimit: 4096 },
});
