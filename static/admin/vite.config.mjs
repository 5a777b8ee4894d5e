import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Forge serves Custom UI from a path it chooses, so every asset URL must be relative.
export default defineConfig({
  base: './',
  plugins: [react()],
  // Atlaskit's packages are hoisted to the root node_modules; they must share the page's single React.
  resolve: { dedupe: ['react', 'react-dom'] },
  build: { outDir: 'build', emptyOutDir: true, sourcemap: false },
});
