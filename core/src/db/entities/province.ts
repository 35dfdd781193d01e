import { defineEntity, type InferEntity } from '@mikro-orm/core';

/** The 13 provinces and territories; the two-letter code is the key. Seeded by a migration. */
export const Province = defineEntity({
  name: 'Province',
  tableName: 'provinces',
  properties: (p) => ({
    code: p.string().primary().length(2),
    nameEn: p.string().length(60),
    nameFr: p.string().length(60),
  }),
});
export type IProvince = InferEntity<typeof Province>;
