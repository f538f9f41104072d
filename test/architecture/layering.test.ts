import path from 'node:path';
import { folderCycles, importEdges, layeringViolations, sourceFiles } from './import-graph';

const ROOT = path.resolve(__dirname, '../..');
const edges = importEdges(ROOT, sourceFiles(ROOT, ['common', 'subgraphs', 'gateway', 'cli', 'bench']));

describe('layering of the source tree', () => {
  it('reads the whole tree', () => {
    expect(edges.length).toBeGreaterThan(500);
  });

  it('imports only downward: common ← subgraphs, gateway ← cli, bench; no subgraph builds on another', () => {
    expect(layeringViolations(edges)).toEqual([]);
  });

  it('has no cycles between the folders of the gateway or of the subgraphs', () => {
    expect(folderCycles(edges)).toEqual([]);
  });

  it.each([
    ['common importing the gateway', { from: 'common/auth/gateway-token', to: 'gateway/registry/member' }, /common\/ may import nothing of ours/],
    ['the gateway importing a subgraph', { from: 'gateway/fanout/broadcast-query', to: 'subgraphs/runtime/auth/access-rules' }, /gateway\/ may import common\//],
    ['a subgraph importing the gateway', { from: 'subgraphs/hospital/context', to: 'gateway/gateway-context' }, /subgraphs\/ may import common\//],
    [
      'the hospital subgraph importing the alliance',
      { from: 'subgraphs/hospital/booking/booking.resolver', to: 'subgraphs/alliance/registry/hospital.entity' },
      /never on another subgraph/,
    ],
  ])('refuses a deliberately wrong import: %s', (_name, edge, message) => {
    const problems = layeringViolations([...edges, edge]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('finds a deliberately made cycle', () => {
    const cycles = folderCycles([...edges, { from: 'gateway/transport/member-fetch', to: 'gateway/fanout/merge-lists' }]);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toMatch(/gateway\/transport → gateway\/fanout/);
  });
});
