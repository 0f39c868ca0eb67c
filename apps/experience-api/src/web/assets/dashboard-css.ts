/**
 * The dashboard's one stylesheet, served at /assets/dashboard.css (a string here, so the bundled
 * build needs no copied files). Colours meet WCAG AA contrast against their backgrounds.
 */
export const DASHBOARD_CSS = `
:root { --ink: #1b1f24; --muted: #4a5360; --paper: #ffffff; --band: #f3f5f8; --line: #c9d0d9; --accent: #0b5cad; --done: #1d6b36; --warn: #8a4b00; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--paper); }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
.skip-link { position: absolute; left: -9999px; top: 0; background: var(--paper); padding: .5rem 1rem; }
.skip-link:focus { left: 1rem; z-index: 10; }
.site-header { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: center; padding: .75rem 1.5rem; background: #12304f; color: #fff; }
.site-header a { color: #fff; }
.brand { margin: 0; font-weight: 700; font-size: 1.2rem; }
.brand a { text-decoration: none; }
.brand-sub { font-weight: 400; font-size: .9rem; color: #d6e2f0; }
nav ul { display: flex; gap: 1.25rem; list-style: none; margin: 0; padding: 0; }
nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
.who { margin-left: auto; display: flex; gap: 1rem; align-items: center; }
.who p { margin: 0; }
.link-button { background: none; border: 1px solid #d6e2f0; color: #fff; padding: .25rem .75rem; border-radius: 4px; cursor: pointer; font: inherit; }
main { padding: 1rem 1.5rem 2rem; max-width: 1400px; }
h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 0 0 .75rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 1.25rem; }
.grid .wide { grid-column: 1 / -1; }
section { background: var(--band); border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; margin-bottom: 1.25rem; }
.grid section { margin-bottom: 0; }
table { border-collapse: collapse; width: 100%; background: var(--paper); }
caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; color: var(--muted); }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
thead th { background: #e4e9ef; }
tbody th { font-weight: 600; }
.muted { color: var(--muted); font-size: .9rem; }
.plants { list-style: none; margin: 0; padding: 0; }
.plant { color: var(--warn); }
.plant.done { color: var(--done); }
.adoption-words { display: block; font-weight: 600; }
progress { width: 9rem; height: .9rem; }
.big-figure .figure { font-size: 2.2rem; font-weight: 700; margin-right: .4rem; }
.notice { border-left: 4px solid var(--warn); padding: .5rem .75rem; background: #fff7ec; }
.flash { border-left: 4px solid var(--done); padding: .5rem .75rem; background: #edf7f0; }
.inline-form { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
.filter { margin-bottom: 1rem; }
.filter select { padding: .3rem .4rem; border: 1px solid #69727d; border-radius: 3px; font: inherit; margin-right: .75rem; }
.inline-form input { min-width: 14rem; padding: .3rem .4rem; border: 1px solid #69727d; border-radius: 3px; font: inherit; }
button, .button { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .4rem .9rem; font: inherit; cursor: pointer; text-decoration: none; display: inline-block; }
.lead-time-figures table { margin-bottom: 1rem; }
.chart { max-width: 100%; height: auto; margin-top: .75rem; background: var(--paper); }
.chart-label { font: 600 14px system-ui, sans-serif; fill: var(--ink); }
.chart-value { font: 12px system-ui, sans-serif; fill: var(--ink); }
.bar-p95 { fill: #7fa7d1; }
.bar-p50 { fill: #0b5cad; }
.history { margin: 0; padding-left: 1.25rem; }
.health-ok { color: var(--done); font-weight: 600; }
.health-degraded { color: var(--warn); font-weight: 600; }
.health-down { color: #a4161a; font-weight: 600; }
.queue td, .queue th { font-size: .95rem; }
.site-footer { padding: 0 1.5rem 1.5rem; color: var(--muted); font-size: .9rem; }
`;
