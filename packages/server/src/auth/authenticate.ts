import type { Em } from '../db/orm.js';
import { SessionService } from '../modules/session/session.service.js';
import type { RegionTree } from '../modules/region/region.tree.js';
import { unauthenticated, Viewer } from './viewer.js';

/** The session cookie the dashboard uses (HttpOnly, SameSite=Strict). */
export const SESSION_COOKIE = 'hexie_session';

export interface Credentials {
  /** From `Authorization: Bearer …`: scripts. A bad one is refused. */
  bearer?: string;
  /** From the session cookie: the dashboard. A stale one reads as anonymous. */
  cookie?: string;
}

/** Parses an Authorization header; anything other than `Bearer <token>` is refused. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer ([^\s]+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>" with the token from the login mutation.');
  return match[1];
}

/** Who is asking, from the request's credentials. */
export async function authenticate(em: Em, regions: RegionTree, credentials: Credentials): Promise<Viewer> {
  const sessions = new SessionService(em);
  if (credentials.bearer !== undefined) {
    const session = await sessions.resolve(credentials.bearer);
    if (!session) throw unauthenticated('The bearer token is invalid, expired or revoked: sign in again.');
    return new Viewer(session.user, regions, session.hash);
  }
  if (credentials.cookie) {
    const session = await sessions.resolve(credentials.cookie);
    if (session) return new Viewer(session.user, regions, session.hash);
  }
  return Viewer.anonymous(regions);
}
