import type { WebSession } from '../web-session.service';
import { html, SafeHtml } from './html';

export interface PageContext {
  session: WebSession;
  /** The path of the page, to mark its link in the navigation. */
  path: string;
}

/** htmx without eval, inline scripts or injected styles, so the page runs under a strict CSP. */
const HTMX_CONFIG = JSON.stringify({ allowEval: false, allowScriptTags: false, includeIndicatorStyles: false, selfRequestsOnly: true, historyCacheSize: 0 });

function navigation(context: PageContext): SafeHtml {
  const links = [
    { href: '/', label: 'Overview', show: context.session.permissions.view },
    { href: '/exceptions', label: 'Exception queue', show: context.session.permissions.view },
    { href: '/integration-health', label: 'Integration health', show: context.session.permissions.integrationHealth },
  ].filter((l) => l.show);
  return html`<nav aria-label="Main">
    <ul>
      ${links.map(
        (l) =>
          html`<li><a href="${l.href}"${context.path === l.href ? html` aria-current="page"` : ''}>${l.label}</a></li>`,
      )}
    </ul>
  </nav>`;
}

/** The hidden field every form of an action carries (the session's CSRF token). */
export function csrfField(session: WebSession): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${session.csrfToken}">`;
}

/** A one-field action (resolve a case, replay a dead letter): a POST with the session's CSRF token. */
export function actionForm(
  session: WebSession,
  action: string,
  field: { id: string; name: string; label: string; value: string; maxLength: number },
  button: string,
): SafeHtml {
  return html`<form method="post" action="${action}" class="inline-form">
  ${csrfField(session)}
  <label for="${field.id}">${field.label}</label>
  <input id="${field.id}" name="${field.name}" required maxlength="${field.maxLength}" value="${field.value}">
  <button type="submit">${button}</button>
</form>`;
}

export function page(context: PageContext, title: string, main: SafeHtml): SafeHtml {
  const { session } = context;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content="${HTMX_CONFIG}">
<title>${title} · Threadline</title>
<link rel="stylesheet" href="/assets/dashboard.css">
<script src="/assets/htmx.min.js" defer></script>
</head>
<body hx-headers="${JSON.stringify({ 'x-csrf-token': session.csrfToken })}">
<a class="skip-link" href="#main">Skip to the content</a>
<header class="site-header">
  <p class="brand"><a href="/">Threadline</a> <span class="brand-sub">revision rollout</span></p>
  ${navigation(context)}
  <div class="who">
    <p>Signed in as <strong>${session.name}</strong> (${session.roles.join(', ') || 'no dashboard role'})</p>
    <form method="post" action="/auth/logout">${csrfField(session)}<button type="submit" class="link-button">Sign out</button></form>
  </div>
</header>
<main id="main">
<h1>${title}</h1>
${main}
</main>
<footer class="site-footer"><p>Times are UTC. Figures come from the platform's events; live parts refresh every 2 seconds.</p></footer>
</body>
</html>`;
}

/** A page for someone not signed in (the landing page, a failed sign-in, a refusal). */
export function publicPage(title: string, main: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Threadline</title>
<link rel="stylesheet" href="/assets/dashboard.css">
</head>
<body>
<header class="site-header"><p class="brand">Threadline <span class="brand-sub">revision rollout</span></p></header>
<main id="main">
<h1>${title}</h1>
${main}
</main>
</body>
</html>`;
}

/** Shown in place of a section whose data could not be had, with the reason in plain words. */
export function unavailable(what: string, reason: { status: number; detail: string; code?: string }): SafeHtml {
  const why =
    reason.status === 404 && !reason.code
      ? 'this figure is not served by this version of the platform yet'
      : reason.status === 403
        ? 'your role does not include it'
        : reason.detail;
  return html`<p class="notice" role="status">${what} is not available: ${why}.</p>`;
}
