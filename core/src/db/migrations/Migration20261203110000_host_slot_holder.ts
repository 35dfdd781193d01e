import { Migration } from '@mikro-orm/migrations';

export class Migration20261203110000_host_slot_holder extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "host_slots" add column "holder" varchar(32) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "host_slots" drop column "holder";`);
  }

}
