import { Type, type Static } from 'typebox';
import type { IUser, IUserProfile } from '@pathfinder/core';
import { toUserDto, UserSchema } from '../auth/user-schema.js';
import { PROVINCE_PATTERN } from './provinces.js';

const NullableString = (maxLength: number, description?: string) =>
  Type.Union([Type.String({ maxLength, ...(description ? { description } : {}) }), Type.Null()]);

const profileFields = {
  firstName: NullableString(100),
  lastName: NullableString(100),
  school: NullableString(200),
  program: NullableString(200, 'E.g. "Bachelor of Engineering".'),
  major: NullableString(200, 'E.g. "Computer Engineering".'),
  graduationYear: Type.Union([Type.Integer({ minimum: 1950, maximum: 2100 }), Type.Null()]),
  province: Type.Union([Type.String({ pattern: PROVINCE_PATTERN, description: 'Two-letter code (ON, QC…), checked against the provinces table.' }), Type.Null()]),
  city: NullableString(120),
};

export const ProfileSchema = Type.Object(profileFields);
export type ProfileDto = Static<typeof ProfileSchema>;

/** The caller's account and profile. */
export const MeSchema = Type.Object({ ...UserSchema.properties, profile: ProfileSchema });

/** Every field optional; `null` clears one; an empty string counts as null. Unknown fields are dropped. */
export const PatchMeBody = Type.Object(
  Object.fromEntries(Object.entries(profileFields).map(([k, v]) => [k, Type.Optional(v)])) as { [K in keyof typeof profileFields]: ReturnType<typeof Type.Optional<(typeof profileFields)[K]>> },
  { additionalProperties: false },
);

export const PROFILE_KEYS = Object.keys(profileFields) as (keyof typeof profileFields)[];

export function toProfileDto(profile: IUserProfile | null): ProfileDto {
  const provinceCode = profile?.province ? (profile.province as unknown as { code: string }).code : null;
  return {
    firstName: profile?.firstName ?? null,
    lastName: profile?.lastName ?? null,
    school: profile?.school ?? null,
    program: profile?.program ?? null,
    major: profile?.major ?? null,
    graduationYear: profile?.graduationYear ?? null,
    province: provinceCode,
    city: profile?.city ?? null,
  };
}

export const toMeDto = (user: IUser, profile: IUserProfile | null) => ({ ...toUserDto(user), profile: toProfileDto(profile) });
