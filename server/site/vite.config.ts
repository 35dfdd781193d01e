import { defaultClientConditions, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The site is served by the API's own process (server/src/site); `vite` alone (dev) proxies the API.
export default defineConfig({
  plugins: [react()],
  // @pathfinder/sdk/client from its TypeScript source (its dist/ exists only in packed tarballs).
  resolve: { conditions: ['@pathfinder/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Every browser we target supports modulepreload; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': 'http://localhost:8000', '/health': 'http://localhost:8000' } },
});
