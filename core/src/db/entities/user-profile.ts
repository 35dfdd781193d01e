import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.js';
import { User } from './user.js';
import { Province } from './province.js';

export const UserProfile = defineEntity({
  name: 'UserProfile',
  tableName: 'user_profiles',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    user: p.oneToOne(User).owner().unique().deleteRule('cascade'),
    firstName: p.string().length(100).nullable(),
    lastName: p.string().length(100).nullable(),
    school: p.string().length(200).nullable(),
    program: p.string().length(200).nullable(),
    major: p.string().length(200).nullable(),
    graduationYear: p.integer().nullable(),
    province: p.manyToOne(Province).nullable().deleteRule('set null'),
    city: p.string().length(120).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});
export type IUserProfile = InferEntity<typeof UserProfile>;
