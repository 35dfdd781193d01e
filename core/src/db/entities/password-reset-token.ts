import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId } from './ids.js';
import { User } from './user.js';

/**
 * A single-use password reset token. Only SHA-256 of the token is stored, so a leaked table
 * cannot be used to reset anyone's password.
 */
export const PasswordResetToken = defineEntity({
  name: 'PasswordResetToken',
  tableName: 'password_reset_tokens',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    user: p.manyToOne(User).deleteRule('cascade').index(),
    /** Hex SHA-256 of the token sent by email. */
    tokenHash: p.string().length(64).unique(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});
export type IPasswordResetToken = InferEntity<typeof PasswordResetToken>;
