import { defineEntity, p } from '@mikro-orm/core';
import type { Role } from '../../auth/viewer.js';

/** An account: one role in one region's subtree. System accounts (such as `demo`) cannot sign in. */
export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.integer().primary(),
    email: p.string().length(254).unique(),
    name: p.string().length(128),
    role: p.string().length(16).$type<Role>(),
    regionCode: p.string().length(6),
    passwordHash: p.string().length(256).nullable().hidden(),
    active: p.boolean().default(true),
    system: p.boolean().default(false),
    createdAt: p.datetime().defaultRaw('now()'),
    createdBy: p.integer().nullable(),
    deactivatedAt: p.datetime().nullable(),
  },
});
export class User extends UserSchema.class {}
UserSchema.setClass(User);

/** A signed-in session; only the SHA-256 of its bearer token is stored. */
export const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'user_session',
  properties: {
    tokenHash: p.string().length(64).primary(),
    userId: p.integer(),
    createdAt: p.datetime().defaultRaw('now()'),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(256).nullable(),
  },
});
export class Session extends SessionSchema.class {}
SessionSchema.setClass(Session);
