import { GraphQLError } from 'graphql';
import type { RegionTree } from '../modules/region/region.tree.js';

export const ROLES = ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user behind a request. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  regionCode: string;
}

/**
 * Everything a caller may do beyond reading approved data, and which roles may do it (in their
 * region's subtree). This table is the one place permissions are decided.
 */
export const PERMISSIONS = {
  enterData: { roles: ['ADMIN', 'REPORTER'], what: 'entering and submitting values' },
  approve: { roles: ['ADMIN', 'APPROVER'], what: 'approving, returning and unapproving reports' },
  readPending: { roles: ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST'], what: 'reading values that are not approved yet' },
  readHistory: { roles: ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST'], what: 'reading the audit history' },
  manageUsers: { roles: ['ADMIN'], what: 'managing users' },
  manageEmbeds: { roles: ['ADMIN', 'ANALYST'], what: 'creating and revoking embeds of charts on other sites' },
  extractFigures: { roles: ['ADMIN', 'ANALYST'], what: 'reading figures out of reports and accepting them as published figures' },
} as const satisfies Record<string, { roles: readonly Role[]; what: string }>;
export type Action = keyof typeof PERMISSIONS;

export const unauthenticated = (message = 'Sign in first: this needs an account (the login mutation gives a token).') =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

export const forbidden = (message: string) => new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });

/** Who is asking: an anonymous reader, or a signed-in user with a role and a region scope. */
export class Viewer {
  constructor(
    readonly user: SessionUser | null,
    private readonly regions: RegionTree,
    /** SHA-256 of the session token the request came with (for logout). */
    readonly sessionHash: string | null = null,
  ) {}

  static anonymous(regions: RegionTree): Viewer {
    return new Viewer(null, regions);
  }

  /** What responses may be shared between callers: approved-only answers are public, the rest per user. */
  get cacheScope(): string {
    return this.user ? `user:${this.user.id}` : 'public';
  }

  /** True when the role allows the action and `regionCode` is in the user's subtree. */
  can(action: Action, regionCode: string): boolean {
    return !!this.user && this.hasRole(action) && this.regions.isWithin(regionCode, this.user.regionCode);
  }

  hasRole(action: Action): boolean {
    return !!this.user && (PERMISSIONS[action].roles as readonly Role[]).includes(this.user.role);
  }

  /**
   * Whether this viewer may be told of a report's status change (subscriptions): a report entering
   * or leaving APPROVED changes public data, which everyone may read; any other move is pending work,
   * told only to those who may read pending values in the report's region.
   */
  seesReportChange(change: { region: string; status: string; previousStatus: string | null }): boolean {
    return change.status === 'APPROVED' || change.previousStatus === 'APPROVED' || this.can('readPending', change.region);
  }

  /** The signed-in user, or UNAUTHENTICATED. */
  requireUser(): SessionUser {
    if (!this.user) throw unauthenticated();
    return this.user;
  }

  /** Checks the role for the action (FORBIDDEN naming the roles that may), and the region when given. */
  require(action: Action, regionCode?: string): SessionUser {
    const user = this.requireUser();
    if (!this.hasRole(action)) {
      throw forbidden(`${capitalise(PERMISSIONS[action].what)} is for ${PERMISSIONS[action].roles.join(' or ')}; you are ${user.role}.`);
    }
    if (regionCode !== undefined && !this.regions.isWithin(regionCode, user.regionCode)) throw forbidden(this.outOfScope(regionCode));
    return user;
  }

  /** The message for a region outside the user's scope. */
  outOfScope(regionCode: string): string {
    return `${this.regions.label(regionCode)} is outside your scope: your scope is ${this.regions.label(this.user!.regionCode)} and the regions below it.`;
  }

  /** The root of the user's scope, or `region` when it lies inside it (FORBIDDEN otherwise). */
  scopeRoot(action: Action, region?: string | null): string {
    const user = this.require(action, region ?? undefined);
    return region ?? user.regionCode;
  }
}

const capitalise = (text: string) => text[0].toUpperCase() + text.slice(1);
