import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { newId, USER_ROLES } from './ids.js';

export const User = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: (p) => ({
    id: p.string().primary().length(32).onCreate(() => newId()),
    email: p.string().length(320).unique(),
    passwordHash: p.text().hidden(),
    role: p.enum([...USER_ROLES]),
    /** The TOTP key, encrypted at rest (AES-GCM with the server's secret key). */
    mfaSecret: p.text().nullable(),
    /** A key set up but not yet confirmed with a code. */
    mfaPendingSecret: p.text().nullable(),
    mfaEnabled: p.boolean().default(false),
    /** The last TOTP time step accepted, so a code cannot be replayed. */
    mfaLastStep: p.bigint('number').nullable(),
    consentGiven: p.boolean().default(false),
    consentDate: p.datetime().nullable(),
    consentWithdrawn: p.datetime().nullable(),
    /**
     * When the owner proved they read this address (opened the link mailed at registration).
     * Null: unconfirmed, and no alert email goes there (CASL needs the owner's own consent).
     */
    emailVerifiedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  }),
});
export type IUser = InferEntity<typeof User>;
