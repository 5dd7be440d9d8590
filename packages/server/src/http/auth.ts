import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { bearerToken, SESSION_COOKIE } from '../auth/authenticate.js';
import { createContext, type Context, type HttpHooks } from '../context.js';
import type { Orm } from '../db/orm.js';
import { classify } from './errors.js';

/** Sign-in attempts allowed per window, per client IP and per email. */
export const SIGN_IN_LIMITS = { perIp: 20, perEmail: 5, windowMs: 10 * 60_000 };

type LoginRequest = FastifyRequest & { hexieSignInEmail?: string };

/**
 * Cookies and sign-in rate limits; returns the function that builds each request's context
 * (credentials from `Authorization: Bearer …` or the session cookie).
 */
export async function registerAuth(app: FastifyInstance, orm: Orm) {
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  const byIp = app.createRateLimit({ max: SIGN_IN_LIMITS.perIp, timeWindow: SIGN_IN_LIMITS.windowMs, keyGenerator: (r) => `ip:${r.ip}` });
  const byEmail = app.createRateLimit({
    max: SIGN_IN_LIMITS.perEmail,
    timeWindow: SIGN_IN_LIMITS.windowMs,
    keyGenerator: (r) => `email:${(r as LoginRequest).hexieSignInEmail}`,
  });

  const hooks = (request: FastifyRequest, reply: FastifyReply): HttpHooks => ({
    ip: request.ip,
    origin: `${request.protocol}://${request.host}`,
    userAgent: request.headers['user-agent'],
    setSessionCookie: (token, expiresAt) =>
      void reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        expires: expiresAt,
      }),
    clearSessionCookie: () => void reply.clearCookie(SESSION_COOKIE, { path: '/' }),
    limitSignIn: async (email) => {
      (request as LoginRequest).hexieSignInEmail = email;
      for (const limit of [await byIp(request), await byEmail(request)]) {
        if (!limit.isAllowed && limit.isExceeded) {
          throw new GraphQLError(`Too many sign-in attempts: try again in ${Math.ceil(limit.ttl / 60_000)} minute(s).`, {
            extensions: { code: 'TOO_MANY_REQUESTS', http: { status: 429 } },
          });
        }
      }
    },
  });

  return async (request: FastifyRequest, reply: FastifyReply): Promise<Context> => {
    try {
      return await createContext(orm.em.fork() as never, {
        credentials: { bearer: bearerToken(request.headers.authorization), cookie: request.cookies[SESSION_COOKIE] },
        http: hooks(request, reply),
      });
    } catch (error) {
      // reading the session needs the database: its being away is a 503 here as everywhere
      const fault = classify(error);
      if (fault === 'unavailable' || fault === 'timeout') {
        throw new GraphQLError('database', {
          originalError: error as Error,
          extensions: { http: { status: 503, headers: new Map([['retry-after', '5']]) } },
        });
      }
      throw error;
    }
  };
}
