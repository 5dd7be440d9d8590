import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import type { Embed } from './embed.entity.js';
import { EmbedService, paramsOf } from './embed.service.js';
import { EmbedInput, EmbedNode } from './embed.types.js';

const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The GraphQL view of an embed: its token (re-signed: HMAC is deterministic) and paste-ready HTML. */
async function toNode(service: EmbedService, embed: Embed, hub: string): Promise<EmbedNode> {
  const token = embed.kind === 'SIGNED' ? await service.sign(embed) : null;
  const params = paramsOf(embed);
  const credential = token ? `token=${encodeURIComponent(token)}` : `embed=${encodeURIComponent(embed.id)}`;
  const iframeUrl = `${hub}/embed/${embed.widget}?${credential}`;
  const attributes = [
    `widget="${embed.widget}"`,
    ...(['indicator', 'region', 'from', 'to', 'grain'] as const).map((k) => `${k}="${attr(params[k])}"`),
    token ? `token="${attr(token)}"` : `embed="${attr(embed.id)}"`,
  ].join(' ');
  return {
    id: embed.id,
    kind: embed.kind as EmbedNode['kind'],
    widget: embed.widget,
    params: params as EmbedNode['params'],
    origins: embed.origins,
    createdAt: embed.createdAt,
    expiresAt: embed.expiresAt ?? null,
    revokedAt: embed.revokedAt ?? null,
    token,
    iframeUrl,
    snippet: `<script src="${hub}/embed.js" type="module"></script>\n<hexie-chart ${attributes} lang="zh-CN" theme="light"></hexie-chart>`,
  };
}

@Resolver(() => EmbedNode)
export class EmbedResolver {
  private service({ em, regions }: Context) {
    return new EmbedService(em, regions);
  }

  @Query(() => [EmbedNode], { description: 'ANALYST and ADMIN: the embeds of your scope, newest first.' })
  async embeds(@Ctx() ctx: Context) {
    const service = this.service(ctx);
    return Promise.all((await service.list(ctx.viewer)).map((e) => toNode(service, e, ctx.http?.origin ?? '')));
  }

  @Mutation(() => EmbedNode, { description: 'ANALYST and ADMIN: lets other sites show one chart of your scope (approved data only).' })
  async createEmbed(
    @Ctx() ctx: Context,
    @Arg('input', () => EmbedInput, { description: 'The widget, kind, locked parameters, origins and expiry.' }) input: EmbedInput,
  ) {
    const service = this.service(ctx);
    const { embed } = await service.create(input, ctx.viewer, ctx.aggregate);
    return toNode(service, embed, ctx.http?.origin ?? '');
  }

  @Mutation(() => EmbedNode, { description: 'ANALYST and ADMIN: stops an embed at once (its id and token are refused from now on).' })
  async revokeEmbed(@Ctx() ctx: Context, @Arg('id', () => String, { description: 'The embed’s id.' }) id: string) {
    const service = this.service(ctx);
    return toNode(service, await service.revoke(id, ctx.viewer), ctx.http?.origin ?? '');
  }
}
