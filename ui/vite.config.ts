import { defineConfig } from 'vitest/config';

// The UI is loaded by the Tauri webview from ui/dist (relative paths, no CDN, no remote fonts).
// Debian 12 ships webkit2gtk-4.1 2.4x, roughly Safari 15/16 in language support.
export default defineConfig({
  base: './',
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: ['es2021', 'safari15'],
    cssTarget: ['safari15'],
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.test.ts'],
    restoreMocks: true,
  },
});
