/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` proxies the API to a locally running backend
// (CRM_DEV_API, default http://127.0.0.1:8080), so cookies stay same-origin.
const apiTarget = process.env.CRM_DEV_API ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  // One ~160 kB (gzip) bundle is fine for an authenticated back-office app.
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 800 },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    // Form journeys type a lot; a 2-core CI box under load needs more than the default 5 s.
    testTimeout: 15_000,
    restoreMocks: true,
  },
});
