import { createHash, randomBytes } from 'node:crypto';
import type { Em } from '../../db/orm.js';
import { checkPassword } from '../../auth/password.js';
import { unauthenticated, type SessionUser } from '../../auth/viewer.js';
import { Session, User } from '../user/user.entity.js';

/** How long a sign-in lasts. */
export const SESSION_HOURS = 12;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Sessions are stored by the SHA-256 of their token: a leaked table gives no usable token. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export class SessionService {
  constructor(private readonly em: Em) {}

  /** Checks the password and opens a session. Unknown email, wrong password and deactivated account get one answer. */
  async signIn(email: string, password: string, client: { ip?: string; userAgent?: string } = {}) {
    const user = await this.em.findOne(User, { email: email.trim().toLowerCase(), system: false });
    const ok = await checkPassword(user?.active ? user.passwordHash : null, password);
    if (!user || !ok) throw unauthenticated('Wrong email or password.');
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
    await this.em.insert(Session, {
      tokenHash: tokenHash(token),
      userId: user.id,
      expiresAt,
      ip: client.ip?.slice(0, 64) ?? null,
      userAgent: client.userAgent?.slice(0, 256) ?? null,
    });
    return { token, expiresAt, user };
  }

  /** The user of a live session, or null for a malformed, unknown, expired or revoked token or a deactivated user. */
  async resolve(token: string): Promise<{ user: SessionUser; hash: string } | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const hash = tokenHash(token);
    const [row] = await this.em.execute<{ id: number; email: string; name: string; role: SessionUser['role']; region_code: string }[]>(
      `select u.id, u.email, u.name, u.role, u.region_code from user_session s join app_user u on u.id = s.user_id
       where s.token_hash = ? and s.revoked_at is null and s.expires_at > now() and u.active`,
      [hash],
    );
    if (!row) return null;
    return { user: { id: row.id, email: row.email, name: row.name, role: row.role, regionCode: row.region_code }, hash };
  }

  async signOut(hash: string): Promise<void> {
    await this.em.nativeUpdate(Session, { tokenHash: hash, revokedAt: null }, { revokedAt: new Date() });
  }

  /** Ends every session of a user at once (deactivation). */
  async revokeAll(userId: number): Promise<void> {
    await this.em.nativeUpdate(Session, { userId, revokedAt: null }, { revokedAt: new Date() });
  }
}
