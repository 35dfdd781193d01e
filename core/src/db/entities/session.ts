import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { User } from './user.js';

/**
 * Lucia's current session design: the client holds `<id>.<secret>`; the row holds the id and
 * SHA-256 of the secret only, so a leaked table cannot be replayed as tokens.
 */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: (p) => ({
    id: p.string().primary().length(64),
    secretHash: p.blob().hidden(),
    user: p.manyToOne(User).deleteRule('cascade').index(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastVerifiedAt: p.datetime().onCreate(() => new Date()),
    /** False for the pending session issued at password login while MFA is still to be verified. */
    mfaVerified: p.boolean().default(false),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(400).nullable(),
  }),
});
export type ISession = InferEntity<typeof Session>;
