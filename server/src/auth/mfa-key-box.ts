import crypto from 'node:crypto';

const VERSION = 'v1';

/**
 * Encrypts a TOTP key with AES-256-GCM. The user id is bound as associated data, so a ciphertext
 * copied onto another user's row does not decrypt.
 */
export function sealMfaKey(key: Uint8Array, encryptionKey: Buffer, userId: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', encryptionKey, iv);
  cipher.setAAD(Buffer.from(`mfa:${userId}`));
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** The TOTP key back, or null when the box is malformed or was sealed with another key or user. */
export function openMfaKey(sealed: string, encryptionKey: Buffer, userId: string): Uint8Array | null {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`mfa:${userId}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]));
  } catch {
    return null;
  }
}
