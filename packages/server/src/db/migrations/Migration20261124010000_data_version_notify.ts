import { Migration } from '@mikro-orm/migrations';
import { addStatements } from './statements.js';

/**
 * Every bump of `hexie_meta.data_version` (every write, see the initial migration) is announced on
 * the channel `hexie_data_version`, the new version as payload: servers learn of writes by LISTEN
 * instead of reading the version on every request (db/data-version.ts). PostgreSQL sends it when the
 * writing transaction commits.
 */
export class Migration20261124010000_data_version_notify extends Migration {
  override up(): void {
    addStatements(
      this,
      `
create function hexie_data_version_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('hexie_data_version', new.data_version::text);
  return null;
end $$;
create trigger hexie_meta_notify after update of data_version on hexie_meta
  for each row execute function hexie_data_version_notify();
`,
    );
  }
}
