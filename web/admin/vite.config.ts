import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The admin app (STAFF and ADMIN), served at /admin/ by the web server.
export default defineConfig({
  base: "/admin/",
  plugins: [react()],
  build: { outDir: "dist" },
});
