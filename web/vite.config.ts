import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import tailwindcss from '@tailwindcss/vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [preact(), tailwindcss()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    // Order matters: the websocket paths are more specific than /api.
    proxy: {
      '/api/live': { target: api, ws: true },
      '/yjs': { target: api, ws: true },
      '/api': { target: api },
      '/healthz': { target: api },
    },
  },
});
