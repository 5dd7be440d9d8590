import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { Context } from '../context.js';
import { IMPORT_LIMITS } from '../modules/import/import.file.js';
import { ImportService } from '../modules/import/import.service.js';
import { buildTemplate, templateCsv, templateXlsx } from '../modules/import/import.template.js';

/** The header a browser page sends with a cookie-authenticated upload (a cross-site form cannot). */
export const CSRF_HEADER = 'x-hexie-csrf';

type ContextOf = (request: FastifyRequest, reply: FastifyReply) => Promise<Context>;

const fail = (reply: FastifyReply, status: number, code: string, message: string, messageZh = message) =>
  reply.code(status).send({ error: { code, message, messageZh } });

/** GraphQL errors of the shared layers (authentication, permissions, bad input) as HTTP answers. */
function answer(reply: FastifyReply, error: unknown) {
  if (error instanceof GraphQLError) {
    const code = String(error.extensions?.code ?? 'BAD_USER_INPUT');
    const status = code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : code === 'BAD_USER_INPUT' ? 400 : 500;
    if (status < 500) return fail(reply, status, code, error.message);
  }
  throw error;
}

/** A cookie-authenticated POST must come from the dashboard itself: the custom header or a same-origin Origin. */
function crossSite(request: FastifyRequest): boolean {
  if (request.headers.authorization) return false; // a bearer token is not sent by browsers on their own
  if (request.headers[CSRF_HEADER]) return false;
  const origin = request.headers.origin;
  return !origin || origin !== `${request.protocol}://${request.headers.host}`;
}

/**
 * `POST /api/imports` (multipart: `file`, and `dryRun`, `submit`, `sheet`, `encoding`, `period`) and
 * `GET /api/imports/template.xlsx|.csv?region=…&period=…`, authenticated like /graphql.
 */
export async function registerImports(app: FastifyInstance, contextOf: ContextOf) {
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: IMPORT_LIMITS.bytes, files: 1, fields: 10, fieldSize: 1024, parts: 12 },
    });

    scope.post('/api/imports', { bodyLimit: IMPORT_LIMITS.bytes + 1024 * 1024 }, async (request, reply) => {
      let ctx: Context;
      try {
        ctx = await contextOf(request, reply);
        ctx.viewer.require('enterData');
      } catch (error) {
        return answer(reply, error);
      }
      if (crossSite(request)) {
        return fail(
          reply,
          403,
          'CSRF',
          `A cookie-authenticated upload must come from the dashboard (send the ${CSRF_HEADER} header), or use a bearer token.`,
          `使用登录 Cookie 的上传必须来自本系统页面（带 ${CSRF_HEADER} 请求头），或改用 Bearer 令牌。`,
        );
      }
      if (!request.isMultipart()) {
        return fail(
          reply,
          400,
          'BAD_USER_INPUT',
          'Send the file as multipart/form-data in the field "file" (curl -F file=@march.xlsx).',
          '请以 multipart/form-data 上传，文件字段名为 file。',
        );
      }
      const fields: Record<string, string> = {};
      let file: { name: string; bytes: Buffer } | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || file) {
              await part.toBuffer();
              continue;
            }
            file = { name: part.filename || 'upload', bytes: await part.toBuffer() };
          } else fields[part.fieldname] = String(part.value);
        }
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') {
          return fail(
            reply,
            413,
            'PAYLOAD_TOO_LARGE',
            `The file is larger than ${IMPORT_LIMITS.bytes / 1024 / 1024} MB, the most one import accepts: split it.`,
            `文件超过 ${IMPORT_LIMITS.bytes / 1024 / 1024} MB，单次导入的上限：请拆分后分批导入。`,
          );
        }
        if (code?.startsWith('FST_')) return fail(reply, 400, 'BAD_USER_INPUT', (error as Error).message);
        throw error;
      }
      if (!file) {
        return fail(reply, 400, 'BAD_USER_INPUT', 'No file: send it in the multipart field "file".', '没有文件：请在 file 字段上传文件。');
      }
      const flag = (name: string, fallback: boolean) => {
        const v = fields[name]?.trim().toLowerCase();
        return v === undefined || v === '' ? fallback : !['false', '0', 'no', 'off'].includes(v);
      };
      try {
        const { result, status } = await new ImportService(ctx).run({
          fileName: file.name,
          bytes: file.bytes,
          dryRun: flag('dryRun', true),
          submit: flag('submit', false),
          sheet: fields.sheet || null,
          encoding: fields.encoding || null,
          period: fields.period || null,
        });
        const english = /^en\b/i.test(String(request.headers['accept-language'] ?? ''));
        return reply.code(status).send({
          ...result,
          problems: result.problems.map((p) => ({ ...p, message: english ? p.message : p.messageZh, messageEn: p.message })),
        });
      } catch (error) {
        return answer(reply, error);
      }
    });

    scope.get<{ Params: { format: string }; Querystring: { region?: string; period?: string } }>(
      '/api/imports/template.:format',
      async (request, reply) => {
        const { format } = request.params;
        if (format !== 'xlsx' && format !== 'csv') return fail(reply, 404, 'NOT_FOUND', 'Templates are template.xlsx and template.csv.');
        try {
          const ctx = await contextOf(request, reply);
          const template = await buildTemplate(ctx, request.query);
          const name = `hexie-template-${template.root}-${template.period.label}.${format}`;
          reply.header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store');
          if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(templateCsv(template));
          return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await templateXlsx(template));
        } catch (error) {
          return answer(reply, error);
        }
      },
    );
  });
}
