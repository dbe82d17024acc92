import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// The sources live in src-main and src-renderer rather than electron-vite's default src/, so every
// entry and the renderer root are named here.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/shell/main.ts'),
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
          // Started as a worker thread by the recorder, which finds it next to its own chunk.
          'recording-worker': resolve(__dirname, 'src-main/recorder/thread/recording-worker.ts'),
        },
        // Entries and shared chunks sit in one folder, so `__dirname` is the same in all of them.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
      },
    },
  },
});
