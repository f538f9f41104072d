import type { DataSource } from 'typeorm';
import { createLogger } from '../../common/log';
import { requestBase } from '../runtime/http/serve-subgraph';
import { createHospitalContext, type HospitalLoaders } from './context';

/** Loaders only touch the data source when they batch; making them needs no database. */
const dataSource = { getRepository: () => ({}) } as unknown as DataSource;
const LOADER_NAMES: (keyof HospitalLoaders)[] = [
  'departmentById',
  'allDepartments',
  'staffById',
  'staffByDepartment',
  'allStaff',
  'staffMatching',
  'patientByMrn',
  'labResultById',
  'labResultsForRecord',
  'resourceById',
  'allResources',
  'bookingById',
  'bookedInWindow',
];

function context(requestId = 'req-1') {
  const parent = createLogger('hospital-test', 'silent');
  const child = jest.spyOn(parent, 'child');
  const ctx = createHospitalContext(requestBase(parent, requestId, {}, { subject: 's', role: 'analyst' }), { hospitalId: 'dh-lead', dataSource });
  return { ctx, child };
}

/** What Apollo does with the context of every operation (ApolloServer cloneObject). */
const apolloCopy = <T extends object>(value: T): T => Object.assign(Object.create(Object.getPrototypeOf(value)) as T, value);

describe('hospital request context', () => {
  it("makes the request's logger only when something logs, once, bound to the request id", () => {
    const { ctx, child } = context('req-7');
    const copy = apolloCopy(ctx);
    expect(child).not.toHaveBeenCalled();
    expect(copy.logger).toBe(copy.logger);
    expect(ctx.logger).toBe(copy.logger);
    expect(child.mock.calls).toEqual([[{ requestId: 'req-7' }]]);
  });

  it('keeps the request fields through the copy', () => {
    const { ctx } = context();
    expect(apolloCopy(ctx)).toMatchObject({ requestId: 'req-1', caller: { subject: 's', role: 'analyst' }, hospitalId: 'dh-lead', deniedRootLists: [] });
  });

  it('gives every loader, one instance per request, and new ones to the next request', () => {
    const first = context().ctx;
    const second = context().ctx;
    for (const name of LOADER_NAMES) {
      expect(first.loaders[name]).toBeDefined();
      expect(first.loaders[name]).toBe(apolloCopy(first).loaders[name]);
      expect(first.loaders[name]).not.toBe(second.loaders[name]);
    }
  });
});
