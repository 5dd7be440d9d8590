import fastifyCompress from '@fastify/compress';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * Security headers (helmet). The dashboard runs from its own origin with no inline script: scripts,
 * styles, data (GraphQL, GeoJSON) and fonts from 'self'; images also as data: and blob: URLs (chart
 * downloads). Framing is refused (`frame-ancestors 'none'`, X-Frame-Options DENY); a route that may
 * be embedded (the coming /embed pages) passes `{ helmet: securityHeaders(['https://portal.example']) }`
 * in its route options, which replaces these for that route only.
 */
export function securityHeaders(frameAncestors: string[] = ["'none'"]): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors,
      },
    },
    // X-Frame-Options cannot name origins: sent only while nobody may frame the page
    frameguard: frameAncestors.includes("'none'") ? { action: 'deny' } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  };
}

/**
 * The explorer page (/explorer, GraphiQL) only: the same policy, but styles may also be inline.
 * GraphiQL's editor, Monaco, writes its theme and per-token colours into `<style>` elements it
 * creates at run time and has no way to carry a nonce (monaco-editor 0.52 `createStyleSheet`), so
 * `style-src 'self'` alone leaves the editor unstyled and the console full of violations. Scripts
 * stay `'self'` (no inline script, no eval); workers are bundled files from 'self'; nothing from
 * another host. No data of another user is on this page, and it is never framed.
 */
export function explorerSecurityHeaders(): FastifyHelmetOptions {
  const base = securityHeaders();
  const csp = base.contentSecurityPolicy as { useDefaults: boolean; directives: Record<string, string[]> };
  return { ...base, contentSecurityPolicy: { ...csp, directives: { ...csp.directives, styleSrc: ["'self'", "'unsafe-inline'"] } } };
}

/** Compressible answers: scripts, styles, HTML, SVG, JSON, GeoJSON and GraphQL answers. */
export const COMPRESSIBLE = /^(text\/|application\/(javascript|json|geo\+json|graphql-response\+json|manifest\+json)|image\/svg\+xml)/;

/** Helmet's headers on every answer, and brotli or gzip for the compressible ones of 1 KB or more. */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, securityHeaders());
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'], threshold: 1024, customTypes: COMPRESSIBLE });
}
