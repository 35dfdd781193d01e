import { Migration } from '@mikro-orm/migrations';

/** The 13 provinces and territories, English and French names (Statistics Canada's forms). */
const PROVINCES: [code: string, en: string, fr: string][] = [
  ['AB', 'Alberta', 'Alberta'],
  ['BC', 'British Columbia', 'Colombie-Britannique'],
  ['MB', 'Manitoba', 'Manitoba'],
  ['NB', 'New Brunswick', 'Nouveau-Brunswick'],
  ['NL', 'Newfoundland and Labrador', 'Terre-Neuve-et-Labrador'],
  ['NS', 'Nova Scotia', 'Nouvelle-Écosse'],
  ['NT', 'Northwest Territories', 'Territoires du Nord-Ouest'],
  ['NU', 'Nunavut', 'Nunavut'],
  ['ON', 'Ontario', 'Ontario'],
  ['PE', 'Prince Edward Island', 'Île-du-Prince-Édouard'],
  ['QC', 'Quebec', 'Québec'],
  ['SK', 'Saskatchewan', 'Saskatchewan'],
  ['YT', 'Yukon', 'Yukon'],
];

// Hand-written, so its timestamp is later than the schema migration it depends on.
export class Migration20261126065800_seed_provinces extends Migration {
  override async up(): Promise<void> {
    const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
    const values = PROVINCES.map(([code, en, fr]) => `(${quote(code)}, ${quote(en)}, ${quote(fr)})`).join(', ');
    this.addSql(
      `insert into "provinces" ("code", "name_en", "name_fr") values ${values} ` +
        `on conflict ("code") do update set "name_en" = excluded."name_en", "name_fr" = excluded."name_fr";`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "provinces";`);
  }
}
