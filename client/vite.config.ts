import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API serves the built client (server/src/plugins/app/client.ts); in dev, Vite proxies /api to it. */
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.KNOTWORK_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
});
