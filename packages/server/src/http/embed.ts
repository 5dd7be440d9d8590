import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createContext } from '../context.js';
import type { Orm } from '../db/orm.js';
import type { Embed } from '../modules/embed/embed.entity.js';
import { EmbedRefused, EmbedService, paramsOf, type EmbedData } from '../modules/embed/embed.service.js';
import { errorBody } from './errors.js';

/** The header a <hexie-chart> sends a signed embed's token in (never in a URL it requests). */
export const EMBED_TOKEN_HEADER = 'x-hexie-embed-token';
/** Requests per minute per client IP on the embed routes: a portal page shows a handful of charts. */
export const EMBED_RATE = { max: 240, timeWindow: 60_000 };
/** An embed's answer is kept this long, per embed id (its definition never changes; revocation is checked first). */
export const EMBED_CACHE = { ttlMs: 60_000, max: 1000 };

const PARAM_NAMES = ['widget', 'indicator', 'region', 'from', 'to', 'grain'] as const;

/** `token=…` in a URL becomes `token=[redacted]`: the iframe page's URL carries one, logs must not. */
export const redactUrl = (url: string): string => url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');

/** Fastify's request serializer, with the URL redacted. */
export const requestSerializer = (request: FastifyRequest) => ({
  method: request.method,
  url: redactUrl(request.url),
  host: request.host,
  remoteAddress: request.ip,
  remotePort: request.socket?.remotePort,
});

type Query = Partial<Record<(typeof PARAM_NAMES)[number] | 'embed' | 'token' | 'format' | 'lang' | 'theme', string>>;

/** A small bounded answer cache keyed by embed id only: nothing of the request (origin, token) reaches it. */
class AnswerCache {
  private readonly entries = new Map<string, { at: number; data: EmbedData }>();
  get(id: string): EmbedData | undefined {
    const hit = this.entries.get(id);
    if (hit && Date.now() - hit.at < EMBED_CACHE.ttlMs) return hit.data;
    this.entries.delete(id);
    return undefined;
  }
  set(id: string, data: EmbedData): void {
    if (this.entries.size >= EMBED_CACHE.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { at: Date.now(), data });
  }
}

const selfOrigin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The origins that may frame an embed's page: its list and the hub itself (the dialog's preview); anyone for a public embed without a list. */
const frameAncestors = (embed: Embed) => (embed.kind === 'PUBLIC' && !embed.origins.length ? ['*'] : [...embed.origins, "'self'"]);

const IFRAME_STYLE =
  'html,body{margin:0;height:100%;background:transparent}hexie-chart{display:block;height:100vh}p{font:14px system-ui,sans-serif;color:#a8071a;margin:12px}';

/** The iframe page's headers: scripts from the hub only, framing by the embed's origins only. */
function iframeHeaders(reply: FastifyReply, ancestors: string[]) {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "script-src-attr 'none'",
    // Vue's custom element puts its styles in <style> tags of its shadow root
    `style-src 'self' 'unsafe-inline'`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${ancestors.join(' ')}`,
  ].join('; ');
  reply.header('content-security-policy', csp).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
  reply.removeHeader('x-frame-options');
}

/**
 * What other sites use: `/embed.js` (the <hexie-chart> element, served from the built web app),
 * `/embed/<widget>?embed=…|token=…` (a bare page for an <iframe>) and `/api/embed/data` (the one
 * data endpoint: the stored definition's numbers, approved only, CORS for its allowed origins).
 */
export function registerEmbed(app: FastifyInstance, orm: Orm, webDist?: string): void {
  const cache = new AnswerCache();
  const rateLimit = { rateLimit: EMBED_RATE };

  const open = async (request: FastifyRequest, query: Query) => {
    const ctx = await createContext(orm.em.fork() as never, { events: app.events });
    const service = new EmbedService(ctx.em, ctx.regions);
    const token = (request.headers[EMBED_TOKEN_HEADER] as string | undefined) ?? query.token;
    const embed = await service.resolve({ embed: query.embed, token });
    EmbedService.checkRequest(embed, Object.fromEntries(PARAM_NAMES.map((n) => [n, query[n]])));
    return { embed, ctx };
  };

  app.options('/api/embed/data', { config: rateLimit }, async (request, reply) => {
    reply
      .header('access-control-allow-origin', request.headers.origin ?? '*')
      .header('access-control-allow-methods', 'GET')
      .header('access-control-allow-headers', EMBED_TOKEN_HEADER)
      .header('access-control-max-age', '600')
      .header('vary', 'origin')
      .code(204)
      .send();
  });

  app.get<{ Querystring: Query }>('/api/embed/data', { config: rateLimit }, async (request, reply) => {
    const origin = request.headers.origin;
    reply.header('vary', 'origin').header('cache-control', 'no-store');
    // the refusal's reason may be read by the page that asked; the data only by an allowed origin
    if (origin) reply.header('access-control-allow-origin', origin);
    try {
      const { embed, ctx } = await open(request, request.query);
      EmbedService.checkOrigin(embed, origin, selfOrigin(request));
      let data = cache.get(embed.id);
      if (!data) {
        data = await EmbedService.data(embed, ctx.aggregate);
        cache.set(embed.id, data);
      }
      if (request.query.format === 'csv') return sendCsv(reply, data);
      if (request.query.format && request.query.format !== 'json') {
        return reply.code(400).send(errorBody('format is json (the default) or csv.', 'BAD_USER_INPUT'));
      }
      return reply.type('application/json; charset=utf-8').send(data);
    } catch (error) {
      if (error instanceof EmbedRefused) return reply.code(403).send(errorBody(error.message, 'FORBIDDEN'));
      throw error;
    }
  });

  app.get<{ Params: { widget: string }; Querystring: Query }>('/embed/:widget', { config: rateLimit }, async (request, reply) => {
    try {
      const { embed } = await open(request, { ...request.query, widget: request.params.widget });
      iframeHeaders(reply, frameAncestors(embed));
      const p = paramsOf(embed);
      const lang = request.query.lang === 'en' ? 'en' : 'zh-CN';
      const theme = request.query.theme === 'dark' ? 'dark' : 'light';
      const credential = request.query.token ? `token="${html(request.query.token)}"` : `embed="${html(embed.id)}"`;
      return reply
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
            `<meta name="referrer" content="no-referrer"><title>Hexie</title><style>${IFRAME_STYLE}</style>` +
            `<script type="module" src="/embed.js"></script></head><body>` +
            `<hexie-chart widget="${embed.widget}" indicator="${html(p.indicator)}" region="${p.region}" from="${html(p.from)}" to="${html(p.to)}" grain="${p.grain}" lang="${lang}" theme="${theme}" ${credential}></hexie-chart>` +
            `</body></html>`,
        );
    } catch (error) {
      if (!(error instanceof EmbedRefused)) throw error;
      iframeHeaders(reply, ['*']);
      return reply
        .code(403)
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><html><head><meta charset="utf-8"><title>Hexie</title><style>${IFRAME_STYLE}</style></head><body><p role="alert">${html(error.message)}</p></body></html>`,
        );
    }
  });

  // the element and its lazily loaded parts are loaded by other sites' pages (module scripts are CORS requests)
  app.addHook('onSend', async (request, reply, payload) => {
    const url = request.url.split('?')[0];
    if (url === '/embed.js' || url.startsWith('/assets/')) {
      reply.header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
    }
    return payload;
  });
  if (!webDist || !existsSync(path.join(webDist, 'embed.js'))) {
    app.get('/embed.js', async (_request, reply) => reply.code(404).send(errorBody('embed.js is not built: run pnpm build.', 'NOT_FOUND')));
  }
}

function sendCsv(reply: FastifyReply, data: EmbedData) {
  const lines =
    'points' in data
      ? [csvLine(['period', 'value', 'yoy']), ...data.points.map((p) => csvLine([p.period, p.value, p.yoy]))]
      : [csvLine(['region_code', 'region', 'value']), ...data.rows.map((r) => csvLine([r.code, r.name, r.value]))];
  const name = `${data.indicator.code}-${data.region.code}-${data.params.from}-${data.params.to}.csv`;
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(`\uFEFF${lines.join('\r\n')}\r\n`);
}

/** One CSV line: text quoted when it needs to be, numbers as they are, null as an empty cell. */
function csvLine(cells: (string | number | null)[]): string {
  return cells
    .map((c) => (c === null ? '' : typeof c === 'number' ? String(c) : /[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))
    .join(',');
}
