import { createHash } from 'node:crypto';
import { AuthorizationRequest } from './authorization-request';
import { DEMO_USERS, DEMO_USER_PASSWORD } from './demo-users';

const STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f3f4f6; color: #111827; }
  main { max-width: 24rem; margin: 4rem auto; padding: 2rem; background: #fff; border: 1px solid #d1d5db; border-radius: 8px; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input { box-sizing: border-box; width: 100%; padding: .5rem; margin-top: .25rem; font: inherit; border: 1px solid #6b7280; border-radius: 4px; }
  input:focus, button:focus { outline: 3px solid #2563eb; outline-offset: 2px; }
  .actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
  button { font: inherit; padding: .5rem 1rem; border-radius: 4px; border: 1px solid #1d4ed8; cursor: pointer; }
  button[value="sign-in"] { background: #1d4ed8; color: #fff; }
  button[value="cancel"] { background: #fff; color: #1d4ed8; }
  .error { color: #991b1b; background: #fef2f2; border: 1px solid #fca5a5; padding: .5rem .75rem; border-radius: 4px; }
  .note { color: #374151; font-size: .875rem; margin-top: 1.5rem; }
`;

/** The page's only style, allowed by its hash: the Content-Security-Policy opens nothing else. */
const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/**
 * The sign-in page's policy: nothing may load but its own style; the form may post only here and,
 * since a browser applies form-action to the redirect that answers it, to the client's callback.
 */
export function signInPagePolicy(redirectUri: string): string {
  return [
    "default-src 'none'",
    `style-src ${STYLE_HASH}`,
    `form-action 'self' ${new URL(redirectUri).origin}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function hidden(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
}

/**
 * An accessible sign-in form (labels, one main landmark, the error announced and tied to the
 * fields). Its hidden fields carry the authorization request, which the POST checks again.
 */
export function signInPage(options: { action: string; request: AuthorizationRequest; username?: string; error?: string }): string {
  const { request, error } = options;
  const describedBy = error ? ' aria-describedby="sign-in-error" aria-invalid="true"' : '';
  const demoUsers = DEMO_USERS.map((u) => `<code>${escapeHtml(u.username)}</code> (${escapeHtml(u.roles.join(', '))})`).join(', ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Threadline</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Sign in to Threadline</h1>
<p>Sign in to continue to <strong>${escapeHtml(request.clientId)}</strong>.</p>
${error ? `<p id="sign-in-error" class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(options.action)}">
${hidden('response_type', 'code')}${hidden('client_id', request.clientId)}${hidden('redirect_uri', request.redirectUri)}${hidden('scope', request.scope)}${hidden('state', request.state)}${hidden('nonce', request.nonce)}${hidden('code_challenge', request.codeChallenge)}${hidden('code_challenge_method', 'S256')}
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="100" value="${escapeHtml(options.username ?? '')}"${describedBy}${options.username ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200"${describedBy}${options.username ? ' autofocus' : ''}>
<div class="actions">
<button type="submit" name="action" value="sign-in">Sign in</button>
<button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
</div>
</form>
<p class="note">Demo identity provider. Users: ${demoUsers}; password <code>${escapeHtml(DEMO_USER_PASSWORD)}</code>.</p>
</main>
</body>
</html>
`;
}

/** After end_session without a registered place to go back to. */
export function signedOutPage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Signed out · Threadline</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>You are signed out</h1>
<p>You can close this window.</p>
</main>
</body>
</html>
`;
}

export const SIGNED_OUT_PAGE_POLICY = `default-src 'none'; style-src ${STYLE_HASH}; frame-ancestors 'none'; base-uri 'none'`;
