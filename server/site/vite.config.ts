import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The site is served by the API's own process (server/src/site); `vite` alone (dev) proxies the API.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Every browser we target supports modulepreload; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
  },
  server: { proxy: { '/api': 'http://localhost:8000', '/health': 'http://localhost:8000' } },
});
