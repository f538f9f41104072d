import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

export const DASHBOARD_PATH = '/dashboard';
const ASSET_PATH = `${DASHBOARD_PATH}/assets`;

/**
 * The regional dashboard (docs/DASHBOARD.md): a static page, its script and style, and
 * ECharts from the installed package. No CDN: hospital networks are often closed.
 * Nothing else under node_modules is reachable. Files are served by a static file
 * handler over the page's own folder plus one fixed route for ECharts; a name is never
 * looked up as an object key (`constructor`, `__proto__` are just files that do not exist).
 */
const ECHARTS_FILE = 'echarts.min.js';

/** Same-origin only: the page talks to this gateway's /graphql and nothing else. */
const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

let folder: string | undefined;

/** The page's files live beside the sources; found by walking up, so the built output finds them too. */
export function staticDir(start = __dirname): string {
  if (folder) return folder;
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'gateway', 'dashboard', 'static');
    if (fs.existsSync(path.join(candidate, 'index.html'))) return (folder = candidate);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('dashboard static folder not found above the gateway module');
    dir = parent;
  }
}

export function dashboardRouter(): Router {
  const router = Router();
  router.get([DASHBOARD_PATH, `${DASHBOARD_PATH}/`], (_req, res) => {
    res.set('content-security-policy', CONTENT_SECURITY_POLICY).set('referrer-policy', 'no-referrer').set('cache-control', 'no-store');
    res.type('html').sendFile(path.join(staticDir(), 'index.html'));
  });
  router.get(`${ASSET_PATH}/${ECHARTS_FILE}`, (_req, res) => {
    res.type('text/javascript').sendFile(require.resolve(`echarts/dist/${ECHARTS_FILE}`), { maxAge: '1d' });
  });
  router.use(ASSET_PATH, express.static(staticDir(), { index: false, dotfiles: 'deny', redirect: false, maxAge: 0 }));
  return router;
}
