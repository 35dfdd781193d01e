import type { AppContext } from '../app-context.js';
import { signEmailToken } from '../auth/email-verification.js';
import { sendAccountMail } from './account-mail.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type MailContext = Pick<AppContext, 'config'>;

/**
 * Mails the link that confirms the address (`POST /auth/verify-email` with its token). Until it is
 * opened no alert email goes to the address: CASL needs consent from the address's owner, not
 * from whoever typed it.
 */
export async function sendVerificationMail(ctx: MailContext, user: { id: string; email: string }): Promise<void> {
  const token = await signEmailToken(ctx.config, user);
  const link = `${ctx.config.publicUrl}/verify-email?token=${encodeURIComponent(token)}`;
  await sendAccountMail(ctx, {
    to: user.email,
    subject: 'Confirm your email address for Pathfinder',
    text: `Welcome to Pathfinder.\n\nOpen this link within 48 hours to confirm that this address is yours; job alerts are sent only to confirmed addresses:\n${link}\n\nConfirmation token: ${token}\n\nIf you did not create an account, ignore this email: nothing will be sent to you.\n`,
    html: `<p>Welcome to Pathfinder.</p><p><a href="${escapeHtml(link)}">Confirm your email address</a> (the link works for 48 hours). Job alerts are sent only to confirmed addresses.</p><p>Confirmation token: <code>${escapeHtml(token)}</code></p><p>If you did not create an account, ignore this email: nothing will be sent to you.</p>`,
  });
}

/**
 * Tells the owner of an existing account that someone tried to register with their address. The
 * registration itself answers exactly as for a new address, so nobody learns who has an account.
 */
export async function sendAlreadyRegisteredMail(ctx: MailContext, email: string): Promise<void> {
  const signIn = `${ctx.config.publicUrl}/sign-in`;
  const reset = `${ctx.config.publicUrl}/forgot-password`;
  await sendAccountMail(ctx, {
    to: email,
    subject: 'Someone tried to register with your Pathfinder address',
    text: `Someone tried to create a Pathfinder account with this address, which already has one.\n\nIf it was you, sign in (${signIn}) or reset your password (${reset}).\nIf it was not you, ignore this email; your account has not changed.\n`,
    html: `<p>Someone tried to create a Pathfinder account with this address, which already has one.</p><p>If it was you, <a href="${escapeHtml(signIn)}">sign in</a> or <a href="${escapeHtml(reset)}">reset your password</a>.</p><p>If it was not you, ignore this email; your account has not changed.</p>`,
  });
}
