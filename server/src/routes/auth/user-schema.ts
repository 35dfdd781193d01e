import { Type, type Static } from 'typebox';
import type { IUser } from '@pathfinder/core';

const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);

/** The account as the API shows it to its owner: never the password hash or MFA keys. */
export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: Type.Enum(['student', 'graduate', 'employer', 'admin', 'superuser']),
  mfaEnabled: Type.Boolean(),
  emailVerified: Type.Boolean({ description: 'Whether the owner confirmed the address (the link mailed at registration). Alerts go to confirmed addresses only.' }),
  emailVerifiedAt: Type.Union([DateTime, Type.Null()], { description: 'When the address was confirmed.' }),
  consentGiven: Type.Boolean({ description: 'Whether the user currently agrees to receive alert emails.' }),
  consentDate: Type.Union([DateTime, Type.Null()], { description: 'When consent was last given.' }),
  consentWithdrawn: Type.Union([DateTime, Type.Null()], { description: 'When consent was last withdrawn.' }),
  createdAt: DateTime,
});
export type UserDto = Static<typeof UserSchema>;

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export function toUserDto(user: IUser): UserDto {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    mfaEnabled: user.mfaEnabled,
    emailVerified: !!user.emailVerifiedAt,
    emailVerifiedAt: iso(user.emailVerifiedAt),
    consentGiven: user.consentGiven,
    consentDate: iso(user.consentDate),
    consentWithdrawn: iso(user.consentWithdrawn),
    createdAt: iso(user.createdAt)!,
  };
}

export { NullableDateTime, DateTime };

/** Security requirement of every route that needs a session. */
export const SESSION_SECURITY: Array<Record<string, string[]>> = [{ bearer: [] }, { cookie: [] }];

/** `{ code }` of the MFA routes: six digits from the authenticator app. */
export const TotpCodeBody = Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$', description: 'The 6-digit code from the authenticator app.' }) });

export const EmailField = Type.String({ minLength: 3, maxLength: 320, pattern: '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$', description: 'Trimmed and lower-cased before use.' });
