import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs, so the built page also works from a subfolder or file server.
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    // Cytoscape alone is ~400 kB minified; one chunk for it is expected, not a regression.
    chunkSizeWarningLimit: 1024,
  },
});
