import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/databases.js';
import { regionTree, type RegionTree } from '../modules/region/region.tree.js';
import { ROLES, Viewer, type Role } from './viewer.js';

const XINDU = '510114'; // a county of 成都市
const CHENGDU = '510100';
const ZIGONG = '510300';

describe('who hears of a report changing status (subscriptions)', () => {
  let db: TestDatabase;
  let regions: RegionTree;
  beforeAll(async () => {
    db = await createTestDatabase('pglite');
    regions = await regionTree(db.orm.em.fork() as never);
  });
  afterAll(() => db?.close());

  const viewer = (role: Role | null, region = CHENGDU) =>
    role ? new Viewer({ id: 1, email: 'x@test.cn', name: 'x', role, regionCode: region }, regions) : Viewer.anonymous(regions);
  const pending = { region: XINDU, status: 'SUBMITTED', previousStatus: 'DRAFT' };
  const returned = { region: XINDU, status: 'RETURNED', previousStatus: 'SUBMITTED' };
  const approved = { region: XINDU, status: 'APPROVED', previousStatus: 'SUBMITTED' };
  const unapproved = { region: XINDU, status: 'RETURNED', previousStatus: 'APPROVED' };
  const readsPending: (Role | null)[] = ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST'];

  const cells = [null, ...ROLES].flatMap((role) =>
    [true, false].map((inScope) => ({ role, inScope, pendingHeard: inScope && readsPending.includes(role) })),
  );
  it.each(cells)(
    '$role (in scope: $inScope) hears pending moves: $pendingHeard; approvals and unapprovals always',
    ({ role, inScope, pendingHeard }) => {
      const v = viewer(role, inScope ? CHENGDU : ZIGONG);
      expect(v.seesReportChange(pending)).toBe(pendingHeard);
      expect(v.seesReportChange(returned)).toBe(pendingHeard);
      expect(v.seesReportChange(approved)).toBe(true);
      expect(v.seesReportChange(unapproved)).toBe(true);
    },
  );
});
