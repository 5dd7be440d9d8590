import { defineEntity, p } from '@mikro-orm/core';

/** A GraphQL query an analyst saved from the explorer; `shared` ones open by link for others in scope. */
export const SavedQuerySchema = defineEntity({
  name: 'SavedQuery',
  tableName: 'saved_query',
  properties: {
    /** Random, URL-safe: the link `/explorer?saved=<id>` names it. */
    id: p.string().length(22).primary(),
    ownerId: p.integer(),
    name: p.string().length(200),
    query: p.text(),
    /** JSON text of the variables, or null. */
    variables: p.text().nullable(),
    shared: p.boolean().default(false),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
});
export class SavedQuery extends SavedQuerySchema.class {}
SavedQuerySchema.setClass(SavedQuery);
