import { randomBytes } from 'node:crypto';
import { GraphQLError, parse } from 'graphql';
import { forbidden } from '../../auth/viewer.js';
import type { Context } from '../../context.js';
import { badInput } from '../../errors.js';
import { User } from '../user/user.entity.js';
import { SavedQuery } from './saved-query.entity.js';
import type { SavedQueryInput, SavedQueryNode } from './saved-query.types.js';

export const MAX_QUERY_LENGTH = 100_000;
export const MAX_SAVED_PER_USER = 500;

const notFound = (id: string) =>
  new GraphQLError(`No saved query ${JSON.stringify(id.slice(0, 40))}: it was deleted, or the link is wrong.`, {
    extensions: { code: 'NOT_FOUND', http: { status: 404 } },
  });

/** Saved explorer queries: any signed-in user keeps their own; shared ones open for others in scope. */
export class SavedQueryService {
  constructor(private readonly ctx: Context) {}

  /** Your saved queries, last saved first. */
  async list(): Promise<SavedQueryNode[]> {
    const user = this.ctx.viewer.requireUser();
    const rows = await this.ctx.em.find(SavedQuery, { ownerId: user.id }, { orderBy: { updatedAt: 'desc', id: 'asc' } });
    return rows.map((row) => this.node(row, user.name));
  }

  /** One of yours, or one shared by a user whose scope overlaps yours. */
  async get(id: string): Promise<SavedQueryNode> {
    const user = this.ctx.viewer.requireUser();
    const row = await this.ctx.em.findOne(SavedQuery, { id });
    if (!row) throw notFound(id);
    if (row.ownerId === user.id) return this.node(row, user.name);
    const owner = await this.ctx.em.findOne(User, { id: row.ownerId });
    const { regions } = this.ctx;
    const overlaps = owner && (regions.isWithin(user.regionCode, owner.regionCode) || regions.isWithin(owner.regionCode, user.regionCode));
    if (!row.shared || !owner?.active || !overlaps) {
      throw forbidden(
        row.shared
          ? `This saved query is shared within ${regions.label(owner!.regionCode)}; your scope is ${regions.label(user.regionCode)}.`
          : 'This saved query is private to its owner.',
      );
    }
    return this.node(row, owner.name);
  }

  async save(input: SavedQueryInput): Promise<SavedQueryNode> {
    const user = this.ctx.viewer.requireUser();
    const name = input.name.trim();
    if (!name || name.length > 128) throw badInput('A saved query needs a name of 1 to 128 characters.', { field: 'name' });
    if (input.query.length > MAX_QUERY_LENGTH)
      throw badInput(`The query is longer than ${MAX_QUERY_LENGTH} characters.`, { field: 'query' });
    try {
      parse(input.query);
    } catch (error) {
      throw badInput(`The query does not parse: ${(error as Error).message}`, { field: 'query' });
    }
    const variables = input.variables?.trim() ? input.variables : null;
    if (variables) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(variables);
      } catch {
        throw badInput('The variables are not JSON.', { field: 'variables' });
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw badInput('The variables must be a JSON object.', { field: 'variables' });
      if (variables.length > MAX_QUERY_LENGTH)
        throw badInput(`The variables are longer than ${MAX_QUERY_LENGTH} characters.`, { field: 'variables' });
    }
    const em = this.ctx.em;
    let row: SavedQuery;
    if (input.id) {
      const found = await em.findOne(SavedQuery, { id: input.id });
      if (!found) throw notFound(input.id);
      if (found.ownerId !== user.id) throw forbidden('Only its owner may change a saved query; save a copy instead (omit the id).');
      row = found;
      row.updatedAt = new Date();
    } else {
      const count = await em.count(SavedQuery, { ownerId: user.id });
      if (count >= MAX_SAVED_PER_USER) throw badInput(`You have ${count} saved queries, the most one may keep; delete some first.`);
      row = em.create(SavedQuery, { id: randomBytes(16).toString('base64url'), ownerId: user.id, name, query: input.query });
    }
    row.name = name;
    row.query = input.query;
    row.variables = variables;
    row.shared = input.shared ?? false;
    await em.flush();
    return this.node(row, user.name);
  }

  /** Deletes one of yours; true when it existed. */
  async delete(id: string): Promise<boolean> {
    const user = this.ctx.viewer.requireUser();
    const row = await this.ctx.em.findOne(SavedQuery, { id });
    if (!row) return false;
    if (row.ownerId !== user.id) throw forbidden('Only its owner may delete a saved query.');
    await this.ctx.em.remove(row).flush();
    return true;
  }

  private node(row: SavedQuery, ownerName: string): SavedQueryNode {
    return {
      id: row.id,
      name: row.name,
      query: row.query,
      variables: row.variables ?? null,
      shared: row.shared,
      mine: row.ownerId === this.ctx.viewer.user?.id,
      ownerName,
      link: `/explorer?saved=${row.id}`,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}
