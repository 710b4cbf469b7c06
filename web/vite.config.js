// @ts-check
import { defineConfig } from 'vite';

// `npm run dev` proxies the API to a locally running tereze server
// (override with TEREZE_API, e.g. TEREZE_API=http://127.0.0.1:8080).
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': process.env.TEREZE_API ?? 'http://127.0.0.1:8080',
    },
  },
});
