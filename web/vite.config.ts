import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import solid from "vite-plugin-solid";

/**
 * The admin SPA. In development `/api` is proxied to the Node host (npm start, port 8787).
 * The service worker precaches the app shell and every route chunk, so the capture screen
 * opens with no network at the venue; `/api` is never cached.
 */
export default defineConfig({
  plugins: [
    solid(),
    VitePWA({
      registerType: "autoUpdate",
      injectRegister: false,
      manifest: {
        name: "Jangkau — BPJS Ketenagakerjaan",
        short_name: "Jangkau",
        description: "Perencanaan sosialisasi dan pendaftaran peserta BPU",
        lang: "id",
        start_url: "/",
        display: "standalone",
        orientation: "any",
        background_color: "#f4f6f8",
        theme_color: "#0b5d3b",
        icons: [
          { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        // The XLSX reader (~930 KB) is only for list imports and exports, never needed offline.
        globIgnores: ["**/exceljs*.js"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: { proxy: { "/api": "http://127.0.0.1:8787" } },
  build: { target: "es2022", sourcemap: true, chunkSizeWarningLimit: 200 },
});
