import { Migration } from '@mikro-orm/migrations';
import { addStatements } from './statements.js';

/**
 * A statement that inserts no report (INSERT … ON CONFLICT DO NOTHING on reports that exist, as every
 * save does first) no longer touches `hexie_meta`: taking that row's lock before the reports' row locks
 * deadlocked a save against an approval of the same report.
 */
export class Migration20261123010000_report_trigger extends Migration {
  override up(): void {
    addStatements(
      this,
      `
create or replace function hexie_report_insert_audit() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from new_rows) then
    return null;
  end if;
  insert into audit_entry (user_id, actor, action, region_code, period, reason)
  select hexie_actor_user(), hexie_actor(), case n.status when 'SUBMITTED' then 'SUBMIT' when 'APPROVED' then 'APPROVE' else 'RETURN' end,
         n.region_code, n.period, nullif(current_setting('hexie.reason', true), '')
  from new_rows n where n.status <> 'DRAFT';
  update hexie_meta set data_version = data_version + 1;
  return null;
end $$;
`,
    );
  }
}
