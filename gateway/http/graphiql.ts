import path from 'node:path';
import { Router, type Request } from 'express';

/**
 * GraphiQL from local files: hospital networks are often closed, so no CDN (DESIGN 4).
 * The page, its start script and the four bundles it needs are served from the installed
 * packages, each on its own fixed route; nothing else under node_modules is reachable,
 * and no request names an object key (anything else is the app's plain 404).
 */
const ASSETS: readonly { name: string; pkg: string; file: string; type: string }[] = [
  { name: 'graphiql.min.css', pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
  { name: 'graphiql.min.js', pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  { name: 'react.production.min.js', pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  { name: 'react-dom.production.min.js', pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
];

export const GRAPHIQL_ASSET_PATH = '/graphiql-assets';

const START_SCRIPT = `(function () {
  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  // every request needs a bearer token (DESIGN 5); the placeholder says where it goes
  var headers = JSON.stringify({ Authorization: 'Bearer <token from: npx medalliance token --role clinician --hospital dh-lead>', 'X-Purpose-Of-Use': 'TREATMENT' }, null, 2);
  root.render(React.createElement(GraphiQL, { fetcher: fetcher, defaultHeaders: headers, defaultEditorToolsVisibility: true, shouldPersistHeaders: false }));
})();
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>MedAlliance GraphiQL</title>
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
  <link rel="stylesheet" href="${GRAPHIQL_ASSET_PATH}/graphiql.min.css">
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${GRAPHIQL_ASSET_PATH}/react.production.min.js"></script>
  <script src="${GRAPHIQL_ASSET_PATH}/react-dom.production.min.js"></script>
  <script src="${GRAPHIQL_ASSET_PATH}/graphiql.min.js"></script>
  <script src="${GRAPHIQL_ASSET_PATH}/start.js"></script>
</body>
</html>
`;

/** A browser navigating to /graphql (HTML preferred, no query) gets GraphiQL. */
export function wantsGraphiQL(req: Request): boolean {
  return req.method === 'GET' && req.query.query === undefined && req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

export function graphiqlAssets(): Router {
  const router = Router();
  router.get(`${GRAPHIQL_ASSET_PATH}/start.js`, (_req, res) => {
    res.type('text/javascript').send(START_SCRIPT);
  });
  for (const asset of ASSETS) {
    const file = path.join(path.dirname(require.resolve(`${asset.pkg}/package.json`)), asset.file);
    router.get(`${GRAPHIQL_ASSET_PATH}/${asset.name}`, (_req, res) => {
      res.type(asset.type).sendFile(file, { maxAge: '1d' });
    });
  }
  return router;
}

export function graphiqlPage(): string {
  return PAGE;
}
