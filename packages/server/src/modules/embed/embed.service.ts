import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Em } from '../../db/orm.js';
import { bumpDataVersion } from '../../db/sql.js';
import { badInput, clip } from '../../errors.js';
import type { Viewer } from '../../auth/viewer.js';
import type { AggregateService } from '../aggregate/aggregate.service.js';
import type { Grain } from '../aggregate/period.js';
import type { RegionTree } from '../region/region.tree.js';
import { Embed, WIDGETS, type EmbedKind, type WidgetId } from './embed.entity.js';
import { embedKeys, type EmbedKeyring } from './embed.keys.js';

/**
 * Cached answers (`embeds`) key on `hexie_meta.data_version`: bumped after an embed is written, so the
 * very next read lists a new or revoked embed (a read in between is cached under the old version).
 */

export const EMBED_AUDIENCE = 'hexie-embed';
export const EMBED_ISSUER = 'hexie';
/** The only algorithm a token may use: the header's `alg` is checked, never trusted. */
export const EMBED_ALGORITHM = 'HS256';
/** A signed embed lives from one minute to one year. */
export const EXPIRES_IN = { min: 60, max: 366 * 24 * 3600 };
export const MAX_ORIGINS = 20;
/** Embeds show at most this many years: bounds what one embed request may cost. */
export const MAX_EMBED_MONTHS = 120;

export interface EmbedParams {
  indicator: string;
  region: string;
  from: string;
  to: string;
  grain: Grain;
}

export interface EmbedInputData {
  widget: string;
  kind: EmbedKind;
  params: Omit<EmbedParams, 'grain'> & { grain?: Grain | null };
  origins: string[];
  expiresIn?: number | null;
}

/** An embed request the server refuses: 403 with a message saying why. */
export class EmbedRefused extends Error {
  readonly status = 403;
}

const refuse = (message: string) => new EmbedRefused(message);

/** `https://portal.example[:port]`: scheme, host and port only, as browsers send in `Origin`. */
export function normaliseOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin === text.replace(/\/$/, '') ? url.origin : null;
  } catch {
    return null;
  }
}

export const paramsOf = (embed: Embed): EmbedParams => ({
  indicator: embed.indicatorCode,
  region: embed.regionCode,
  from: embed.periodFrom,
  to: embed.periodTo,
  grain: embed.grain,
});

/**
 * Stored embeds: created and revoked by ANALYST and ADMIN in their scope; answered with only what
 * their definition allows (approved data through the aggregate service), never arbitrary queries.
 */
/** The most embeds `embeds` lists (the newest). */
export const MAX_EMBEDS_LISTED = 500;

export class EmbedService {
  constructor(
    private readonly em: Em,
    private readonly regions: RegionTree,
    private readonly keys: EmbedKeyring = embedKeys(),
  ) {}

  async create(input: EmbedInputData, viewer: Viewer, aggregate: AggregateService): Promise<{ embed: Embed; token: string | null }> {
    const user = viewer.require('manageEmbeds', input.params.region);
    if (!(WIDGETS as readonly string[]).includes(input.widget)) {
      throw badInput(`Unknown widget "${clip(input.widget)}": use one of ${WIDGETS.join(', ')}.`);
    }
    const indicator = await aggregate.indicator(input.params.indicator);
    await aggregate.region(input.params.region);
    const range = aggregate.range(indicator, input.params.from, input.params.to);
    if (range.to - range.from + 1 > MAX_EMBED_MONTHS) {
      throw badInput(`An embed shows at most ${MAX_EMBED_MONTHS / 12} years; ${input.params.from}..${input.params.to} is longer.`);
    }
    const grain = input.params.grain ?? (indicator.frequency === 'annual' ? 'YEAR' : 'MONTH');
    aggregate.checkGrain(indicator, grain);

    if (input.origins.length > MAX_ORIGINS) throw badInput(`An embed lists at most ${MAX_ORIGINS} origins.`);
    const origins = input.origins.map((o) => {
      const origin = normaliseOrigin(o.trim());
      if (!origin)
        throw badInput(
          `"${clip(o)}" is not an origin: write scheme, host and port only, such as https://portal.example or http://127.0.0.1:8080.`,
        );
      return origin;
    });
    if (input.kind === 'SIGNED' && !origins.length) throw badInput('A signed embed names the origins (sites) allowed to show it.');

    let expiresAt: Date | null = null;
    if (input.kind === 'SIGNED') {
      const seconds = input.expiresIn;
      if (seconds == null || !Number.isInteger(seconds) || seconds < EXPIRES_IN.min || seconds > EXPIRES_IN.max) {
        throw badInput(
          `A signed embed expires: expiresIn is whole seconds from ${EXPIRES_IN.min} (a minute) to ${EXPIRES_IN.max} (a year).`,
        );
      }
      expiresAt = new Date(Date.now() + seconds * 1000);
      expiresAt.setMilliseconds(0);
    } else if (input.expiresIn != null) {
      throw badInput('A public embed does not expire (it lasts until revoked): leave expiresIn out, or make it SIGNED.');
    }

    const embed = this.em.create(Embed, {
      id: randomBytes(12).toString('base64url'),
      kind: input.kind,
      widget: input.widget as WidgetId,
      indicatorCode: indicator.code,
      regionCode: input.params.region,
      periodFrom: input.params.from,
      periodTo: input.params.to,
      grain,
      origins: [...new Set(origins)],
      jti: input.kind === 'SIGNED' ? randomBytes(12).toString('base64url') : null,
      createdBy: user.id,
      createdAt: new Date(),
      expiresAt,
      revokedAt: null,
    });
    await this.em.flush();
    await bumpDataVersion(this.em);
    return { embed, token: embed.kind === 'SIGNED' ? await this.sign(embed) : null };
  }

  /** The signed token of an embed: bound to its widget, parameters, origins, expiry and `jti`. */
  async sign(embed: Embed): Promise<string> {
    const { signing } = this.keys;
    return new SignJWT({ widget: embed.widget, params: paramsOf(embed), origins: embed.origins })
      .setProtectedHeader({ alg: EMBED_ALGORITHM, kid: signing.kid, typ: 'JWT' })
      .setSubject(embed.id)
      .setAudience(EMBED_AUDIENCE)
      .setIssuer(EMBED_ISSUER)
      .setJti(embed.jti!)
      .setIssuedAt(Math.floor(embed.createdAt.getTime() / 1000))
      .setExpirationTime(Math.floor(embed.expiresAt!.getTime() / 1000))
      .sign(signing.secret);
  }

  /** The embeds of the viewer's scope, newest first. */
  async list(viewer: Viewer): Promise<Embed[]> {
    const user = viewer.require('manageEmbeds');
    const all = await this.em.find(Embed, {}, { orderBy: { createdAt: 'desc', id: 'asc' } });
    return all.filter((e) => this.regions.isWithin(e.regionCode, user.regionCode)).slice(0, MAX_EMBEDS_LISTED);
  }

  async revoke(id: string, viewer: Viewer): Promise<Embed> {
    viewer.require('manageEmbeds');
    const embed = await this.em.findOne(Embed, { id });
    if (!embed) throw badInput(`No embed has the id "${clip(id)}".`);
    viewer.require('manageEmbeds', embed.regionCode);
    if (!embed.revokedAt) {
      embed.revokedAt = new Date();
      await this.em.flush();
      await bumpDataVersion(this.em);
    }
    return embed;
  }

  /**
   * The stored embed a request presents — a public embed's id or a signed embed's token — or
   * EmbedRefused saying why not. A signed embed's id alone is refused: only its token opens it.
   */
  async resolve(credential: { embed?: string; token?: string }, now = new Date()): Promise<Embed> {
    if (credential.token) return this.verify(credential.token, now);
    if (!credential.embed)
      throw refuse('This embed has no credential: give embed="<id>" for a public embed or token="…" for a signed one.');
    const embed = await this.em.findOne(Embed, { id: credential.embed });
    if (!embed) throw refuse(`There is no embed "${clip(credential.embed)}".`);
    if (embed.kind !== 'PUBLIC') throw refuse('This embed is signed: it is shown only with its token.');
    if (embed.revokedAt) throw refuse(`This embed was revoked on ${embed.revokedAt.toISOString()}.`);
    return embed;
  }

  private async verify(token: string, now: Date): Promise<Embed> {
    let kid: string | undefined;
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== EMBED_ALGORITHM) throw refuse(`This embed token is not valid: its algorithm must be ${EMBED_ALGORITHM}.`);
      kid = header.kid;
    } catch (error) {
      if (error instanceof EmbedRefused) throw error;
      throw refuse('This embed token is not valid: it is not a JWT.');
    }
    const key = kid ? this.keys.byKid.get(kid) : undefined;
    if (!key) throw refuse('This embed token is not valid: it was signed with a key this hub does not know.');
    let payload;
    try {
      ({ payload } = await jwtVerify(token, key.secret, {
        algorithms: [EMBED_ALGORITHM],
        audience: EMBED_AUDIENCE,
        issuer: EMBED_ISSUER,
        currentDate: now,
        requiredClaims: ['sub', 'jti', 'exp', 'aud'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw refuse('This embed token has expired: ask the hub for a new one.');
      if (error instanceof joseErrors.JWSSignatureVerificationFailed)
        throw refuse('This embed token is not valid: its signature does not match (it was changed).');
      if (error instanceof joseErrors.JWTClaimValidationFailed)
        throw refuse(`This embed token is not valid: its "${error.claim}" claim is wrong.`);
      throw refuse('This embed token is not valid.');
    }
    const embed = await this.em.findOne(Embed, { id: payload.sub! });
    if (!embed || embed.kind !== 'SIGNED' || embed.jti !== payload.jti)
      throw refuse('This embed token is not valid: no embed was issued with it.');
    if (embed.revokedAt) throw refuse(`This embed was revoked on ${embed.revokedAt.toISOString()}.`);
    if (embed.expiresAt && embed.expiresAt <= now) throw refuse('This embed token has expired: ask the hub for a new one.');
    return embed;
  }

  /** Refuses a request that asks for anything the embed does not lock to (another widget, region, period…). */
  static checkRequest(embed: Embed, requested: Partial<Record<'widget' | keyof EmbedParams, string>>): void {
    const locked: Record<string, string> = { widget: embed.widget, ...paramsOf(embed) };
    for (const [name, value] of Object.entries(requested)) {
      if (value === undefined || value === '') continue;
      if (!(name in locked)) continue;
      if (value !== locked[name]) {
        throw refuse(`This embed is locked to ${name} "${locked[name]}": it cannot show ${name} "${clip(value)}".`);
      }
    }
  }

  /** May a page of `origin` show the embed? No Origin (same-origin GET, the /embed page) is the hub itself. */
  static checkOrigin(embed: Embed, origin: string | undefined, self: string): void {
    if (!origin || origin === self) return;
    if (embed.kind === 'PUBLIC' && !embed.origins.length) return;
    if (!embed.origins.includes(origin))
      throw refuse(`This embed may not be shown on ${clip(origin, 80)}: it is allowed on ${embed.origins.join(', ') || 'no other site'}.`);
  }

  /** The embed's data: exactly its stored definition, approved values only. */
  static async data(embed: Embed, aggregate: AggregateService) {
    const params = paramsOf(embed);
    const indicator = await aggregate.indicator(params.indicator);
    const region = await aggregate.region(params.region);
    const head = {
      widget: embed.widget,
      params,
      indicator: {
        code: indicator.code,
        name: indicator.name,
        nameEn: indicator.nameEn,
        unit: indicator.unit,
        unitEn: indicator.unitEn,
        rule: indicator.aggregation.toUpperCase(),
        frequency: indicator.frequency,
      },
      region: { code: region.code, name: region.name, nameEn: region.nameEn, level: region.level },
    };
    if (embed.widget === 'trend' || embed.widget === 'kpi') {
      const s = await aggregate.series(params.indicator, params.region, params.from, params.to, params.grain);
      return {
        ...head,
        total: s.total,
        totalYoy: s.totalYoy,
        note: s.note,
        points: s.points.map((p) => ({ period: p.period, value: p.value, yoy: p.yoy })),
      };
    }
    const rows = await aggregate.breakdown(params.indicator, params.region, params.from, params.to);
    return {
      ...head,
      rows: rows.map((r) => ({ code: r.region.code, name: r.region.name, nameEn: r.region.nameEn, value: r.value, note: r.note })),
    };
  }
}

export type EmbedData = Awaited<ReturnType<typeof EmbedService.data>>;
