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

/** What a new user sees first: a referred patient's results across the alliance, ready to run. */
const FIRST_QUERY = `# A referred patient's results from every hospital that holds
# one, each marked whether it is mutually recognised here today.
# Press the run button (or Ctrl-Enter).
query PatientResults($mpiId: ID! = "MPI-000001", $here: ID! = "dh-lead") {
  patient(mpiId: $mpiId) {
    records {
      hospitalId
      mrn
      name
      labResults(first: 10) {
        loinc
        name
        valueQuantity
        unit
        interpretation
        collectedAt
        recognition(atHospitalId: $here) { status mark validUntil reason }
      }
    }
    referrals { direction urgency status fromHospital { name } toHospital { name } }
  }
}
`;

const START_SCRIPT = `(function () {
  var FIRST_QUERY = ${JSON.stringify(FIRST_QUERY)};
  // \`medalliance start\` prints this page's address with #token=…: the token goes into the
  // headers and leaves the address bar (a fragment never reaches the server or its logs).
  var KEY = 'medalliance.graphiqlToken';
  var params = new URLSearchParams(window.location.hash.slice(1));
  if (params.get('token')) {
    sessionStorage.setItem(KEY, params.get('token'));
    params.delete('token');
    var rest = params.toString();
    history.replaceState(null, '', window.location.pathname + window.location.search + (rest ? '#' + rest : ''));
  }
  var token = sessionStorage.getItem(KEY);
  var HOW = 'npx medalliance token --role clinician --hospital dh-lead';
  var headers = JSON.stringify({ Authorization: 'Bearer ' + (token || '<paste a token from: ' + HOW + '>'), 'X-Purpose-Of-Use': 'TREATMENT' }, null, 2);
  var send = GraphiQL.createFetcher({ url: window.location.pathname });
  // without a token every request is refused (401): say what to do instead of showing that
  var fetcher = function (params, options) {
    var given = (options && options.headers) || {};
    var auth = String(given.Authorization || given.authorization || '');
    if (!/^Bearer [A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$/.test(auth)) {
      return Promise.resolve({ errors: [{ message: 'No token yet: open "Headers" below and replace the placeholder with a token (' + HOW + '), then press the run button.', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    return send(params, options);
  };
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: FIRST_QUERY, defaultHeaders: headers, headers: headers, defaultEditorToolsVisibility: true, shouldPersistHeaders: false }));
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
