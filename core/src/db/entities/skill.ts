import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.js';

export const Skill = defineEntity({
  name: 'Skill',
  tableName: 'skills',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    name: p.string().length(200).unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type ISkill = InferEntity<typeof Skill>;
