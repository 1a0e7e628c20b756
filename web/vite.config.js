// The dashboard is built to static files that `truce serve` serves from
// memory (docs/ARCHITECTURE.md, "The dashboard"). Nothing is loaded from
// another origin: the server's Content-Security-Policy forbids it.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: process.env.TRUCE_WEB_OUT || 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0, // no data: URLs for scripts or styles; images may be files
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npm run dev` beside a running `truce serve`: the API is proxied.
    proxy: { '/v1': 'http://127.0.0.1:8080', '/healthz': 'http://127.0.0.1:8080' },
  },
});
