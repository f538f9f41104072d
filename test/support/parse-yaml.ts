/**
 * YAML for deployment-file tests, through js-yaml (a pinned devDependency), loaded here in
 * one place; both its 3.x (`safeLoad`) and 4.x (`load`, safe by default) APIs work.
 */
interface JsYaml {
  safeLoad?: (text: string) => unknown;
  safeLoadAll?: (text: string) => unknown[];
  load: (text: string) => unknown;
  loadAll: (text: string) => unknown[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('js-yaml') as JsYaml;

export function parseYaml(text: string): unknown {
  return (yaml.safeLoad ?? yaml.load)(text);
}

/** Every document of a multi-document file (`---` separated), empty ones dropped. */
export function parseYamlDocuments(text: string): unknown[] {
  const documents: unknown[] = [];
  const all = yaml.safeLoadAll ?? yaml.loadAll;
  for (const document of all(text)) if (document !== null && document !== undefined) documents.push(document);
  return documents;
}
