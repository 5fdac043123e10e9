import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// `npm run dev -w @rol/web` proxies the API of a running `npm start`; the built console is served by the API itself.
export default defineConfig({
  plugins: [react()],
  // @rol/domain from its TypeScript sources (the workspaces' source condition, scripts/conditions.js), not its dist/.
  resolve: { conditions: ['rol-source', ...defaultClientConditions] },
  server: { proxy: { '/api': process.env.API_ORIGIN ?? 'http://127.0.0.1:3000' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
});
