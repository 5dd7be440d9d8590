import { Migration } from '@mikro-orm/migrations';

/** Saved explorer queries (issue 10): one owner each, shareable by link with users in the owner's scope. */
export class Migration20261122040000_saved_queries extends Migration {
  override up(): void {
    this.addSql(
      `create table saved_query (
        id varchar(22) not null primary key,
        owner_id int not null references app_user (id) on delete cascade,
        name varchar(200) not null,
        query text not null,
        variables text null,
        shared boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now())`,
    );
    this.addSql('create index saved_query_owner_id_index on saved_query (owner_id)');
    // like every other write, a saved query bumps the data version: cached answers (savedQueries) drop
    this.addSql(`create function hexie_saved_query_version() returns trigger language plpgsql as $$
begin
  update hexie_meta set data_version = data_version + 1;
  return null;
end $$`);
    this.addSql(
      'create trigger saved_query_version after insert or update or delete on saved_query for each statement execute function hexie_saved_query_version()',
    );
  }

  override down(): void {
    this.addSql('drop table saved_query');
    this.addSql('drop function hexie_saved_query_version()');
  }
}
