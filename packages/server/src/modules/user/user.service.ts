import { hashPassword, passwordProblem } from '../../auth/password.js';
import { forbidden, ROLES, type Role, type Viewer } from '../../auth/viewer.js';
import type { Em } from '../../db/orm.js';
import { bumpDataVersion } from '../../db/sql.js';
import { badInput } from '../../errors.js';
import type { RegionTree } from '../region/region.tree.js';
import { SessionService } from '../session/session.service.js';
import { User } from './user.entity.js';

export interface NewUser {
  email: string;
  name: string;
  password: string;
  role: Role;
  region: string;
}

/** Response caches key on `hexie_meta.data_version`: a change of the users must drop what was cached about them. */

const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]+\.[^\s@<>"]+$/;

export class UserService {
  constructor(
    private readonly em: Em,
    private readonly regions: RegionTree,
  ) {}

  /** Every reason the new user cannot be created (all of them, not only the first). */
  problems(input: NewUser): string[] {
    const problems: string[] = [];
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 254)
      problems.push(`"${input.email.slice(0, 80)}" is not an email address (name@example.org).`);
    const name = input.name.trim();
    if (!name || name.length > 128 || /[\p{Cc}]/u.test(name))
      problems.push('The name must have 1 to 128 characters, without control characters.');
    const password = passwordProblem(input.password);
    if (password) problems.push(password);
    if (!ROLES.includes(input.role)) problems.push(`Unknown role "${input.role}": use one of ${ROLES.join(', ')}.`);
    if (!this.regions.get(input.region))
      problems.push(`Unknown region code "${input.region.slice(0, 20)}": use a six-digit GB/T 2260 code.`);
    return problems;
  }

  /** Creates a user; `by` is the admin creating it (null for the first admin and the CLI). */
  async create(input: NewUser, by: Viewer | null): Promise<User> {
    if (by) by.require('manageUsers', this.regions.get(input.region) ? input.region : undefined);
    const problems = this.problems(input);
    if (problems.length) throw badInput(`The user was not created: ${problems.join(' ')}`);
    const email = input.email.trim().toLowerCase();
    if (await this.em.count(User, { email })) throw badInput(`A user with the email ${email} already exists.`);
    const passwordHash = await hashPassword(input.password);
    return this.em.transactional(async (tx) => {
      const user = tx.create(User, {
        email,
        name: input.name.trim(),
        role: input.role,
        regionCode: input.region,
        passwordHash,
        createdBy: by?.user?.id ?? null,
      });
      await tx.flush();
      await bumpDataVersion(tx);
      return user;
    });
  }

  /** Deactivates a user in the admin's scope and ends their sessions at once. */
  async deactivate(email: string, by: Viewer): Promise<User> {
    const admin = by.require('manageUsers');
    const user = await this.em.findOne(User, { email: email.trim().toLowerCase(), system: false });
    if (!user) throw badInput(`No user has the email ${email.trim().slice(0, 254)}.`);
    if (!by.can('manageUsers', user.regionCode)) throw forbidden(by.outOfScope(user.regionCode));
    if (user.id === admin.id) throw badInput('You cannot deactivate your own account: ask another admin.');
    await this.em.transactional(async (tx) => {
      await tx.nativeUpdate(User, { id: user.id }, { active: false, deactivatedAt: new Date() });
      await new SessionService(tx).revokeAll(user.id);
      await bumpDataVersion(tx);
    });
    await this.em.refresh(user);
    return user;
  }

  /** The users in the admin's scope, or below `region` inside it. */
  async list(by: Viewer, region?: string | null): Promise<User[]> {
    if (region !== undefined && region !== null && !this.regions.get(region))
      throw badInput(`Unknown region code "${region.slice(0, 20)}".`);
    const root = by.scopeRoot('manageUsers', region);
    const users = await this.em.find(User, { system: false }, { orderBy: { regionCode: 'asc', email: 'asc' } });
    return users.filter((u) => this.regions.isWithin(u.regionCode, root));
  }
}
