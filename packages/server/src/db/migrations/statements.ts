import type { Migration } from '@mikro-orm/migrations';

/** Adds a SQL script one statement at a time (drivers prepare statements singly); `$$` bodies stay whole. */
export function addStatements(migration: Migration, script: string): void {
  let statement = '';
  let inBody = false;
  for (const part of script.split(/(\$\$|;)/)) {
    if (part === '$$') inBody = !inBody;
    if (part === ';' && !inBody) {
      if (statement.trim()) migration.addSql(statement.trim());
      statement = '';
    } else statement += part;
  }
  if (statement.trim()) migration.addSql(statement.trim());
}
