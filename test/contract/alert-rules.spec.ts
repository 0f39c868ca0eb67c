/**
 * docker/ is kept correct by reading (no Docker engine on the development machines), and by this
 * test: the alert rules are what test/tools/write-alert-rules.ts makes of the tiers' thresholds,
 * every metric the rules and the Grafana dashboard use is one the apps export, and the compose file,
 * scrape config, collector config and Grafana provisioning point at one another.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TIER_SETTINGS, TIERS } from '@threadline/messaging';
import { parse } from 'yaml';
import { ALERT_RULES_PATH, alertRulesYaml, TIER_SEVERITY } from '../tools/write-alert-rules';

const ROOT = join(__dirname, '..', '..');
const DOCKER = join(ROOT, 'docker');

/**
 * The metric names the apps export (the contract written for issue 11; labels in comments). The
 * metrics code defines them where they are recorded and keeps no list of its own, so the list is
 * here: a query naming anything else fails, and so does a name here that the code no longer defines.
 */
const METRICS = {
  http_server_request_duration_seconds: 'histogram', // app, method, route, status
  http_client_request_duration_seconds: 'histogram', // app, backend, outcome
  threadline_outbox_lag_seconds: 'gauge', // app
  threadline_outbox_pending: 'gauge', // app
  threadline_queue_depth: 'gauge', // app, queue, state
  threadline_step_retries_total: 'counter', // app, flow, tier
  threadline_retrying_steps: 'gauge', // app, flow, tier
  threadline_oldest_retry_seconds: 'gauge', // app, flow, tier
  threadline_dead_letters_total: 'counter', // app, flow, tier
  threadline_dead_letters_open: 'gauge', // app, flow, tier
  threadline_revision_adoption_plants: 'gauge', // plant, state
  threadline_release_lead_time_seconds: 'histogram', // plant
  threadline_work_order_update_failures_total: 'counter', // plant
  threadline_schedule_exceptions_total: 'counter', // plant, kind
  threadline_exception_cases_open: 'gauge', // plant, kind, age
} as const;

/** Series a query may name: the metrics, a histogram's series, and Prometheus's own `up`. */
const SERIES = new Set<string>([
  'up',
  ...Object.entries(METRICS).flatMap(([name, type]) => (type === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name])),
]);
const FUNCTIONS = new Set(['sum', 'max', 'min', 'avg', 'count', 'topk', 'rate', 'increase', 'histogram_quantile', 'clamp_min', 'clamp_max', 'label_values']);
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset']);

/** The series names a PromQL expression (or a Grafana variable query) reads; throws on a function it does not know. */
function seriesIn(expr: string): string[] {
  const bare = expr
    .replace(/label_values\(\s*([^,)]*),\s*\w+\s*\)/g, '$1') // Grafana's label_values(series, label): the label is no series
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '') // strings
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // ranges
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '') // grouping labels
    .replace(/\$\{?\w+\}?/g, ''); // Grafana variables
  const names: string[] = [];
  for (const match of bare.matchAll(/[a-zA-Z_:][\w:]*(\s*\()?/g)) {
    const [token, call] = [match[0].replace(/\s*\($/, ''), match[1]];
    if (call) {
      if (!FUNCTIONS.has(token)) throw new Error(`unknown PromQL function ${token} in ${expr}`);
    } else if (!KEYWORDS.has(token)) names.push(token);
  }
  return names;
}

const yamlFile = (path: string) => parse(readFileSync(path, 'utf8'), { merge: true });
const compose = yamlFile(join(DOCKER, 'compose.yaml'));
const services: Record<string, any> = compose.services;
/** The apps: every folder under apps/ but the launcher, which only starts them in one process. */
const APPS = readdirSync(join(ROOT, 'apps')).filter((name) => name !== 'launcher');
const alerts = yamlFile(ALERT_RULES_PATH);
const rules: any[] = alerts.groups.flatMap((group: any) => group.rules);
const dashboardText = readFileSync(join(DOCKER, 'grafana', 'dashboards', 'threadline.json'), 'utf8');
const dashboard = JSON.parse(dashboardText);
const panels: any[] = dashboard.panels.filter((panel: any) => panel.type !== 'row');
const dashboardQueries: string[] = [
  ...panels.flatMap((panel) => panel.targets.map((target: any) => target.expr)),
  ...dashboard.templating.list.filter((v: any) => v.type === 'query').map((v: any) => v.query.query),
];

describe('alert rules (docker/prometheus/alerts.yml)', () => {
  it('are what test/tools/write-alert-rules.ts makes of the tiers in libs/messaging/src/tiers.ts', () => {
    // On failure: node -r ts-node/register/transpile-only -r tsconfig-paths/register test/tools/write-alert-rules.ts
    expect(readFileSync(ALERT_RULES_PATH, 'utf8')).toBe(alertRulesYaml());
  });

  it.each(TIERS)('alert on tier %s at its default thresholds, with its severity', (tier) => {
    const { retryingSteps, oldestRetryMinutes, openDeadLetters } = DEFAULT_TIER_SETTINGS[tier].alerts;
    const group = alerts.groups.find((g: any) => g.name === `threadline-tier-${tier}`);
    const rule = (name: string) => group.rules.find((r: any) => r.alert === name);
    expect(rule('RetryingStepsHigh').expr).toBe(`max by (app, flow, tier) (threadline_retrying_steps{tier="${tier}"}) > ${retryingSteps}`);
    expect(rule('OldestRetryTooOld').expr).toBe(`max by (app, flow, tier) (threadline_oldest_retry_seconds{tier="${tier}"}) > ${oldestRetryMinutes * 60}`);
    expect(rule('DeadLettersOpen').expr).toBe(`max by (app, flow, tier) (threadline_dead_letters_open{tier="${tier}"}) > ${openDeadLetters}`);
    expect(group.rules.map((r: any) => r.labels.severity)).toEqual([TIER_SEVERITY[tier], TIER_SEVERITY[tier], TIER_SEVERITY[tier]]);
  });

  it('each wait before firing and say what happened and where to read what to do', () => {
    expect(rules.length).toBeGreaterThanOrEqual(14);
    for (const rule of rules) {
      expect(rule).toMatchObject({ alert: expect.stringMatching(/^[A-Z]\w+$/), for: expect.stringMatching(/^\d+[smh]$/) });
      expect(['page', 'ticket', 'info']).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(10);
      expect(rule.annotations.description.length).toBeGreaterThan(rule.annotations.summary.length);
      // The runbook is a section of a README in the repository: the file and its heading exist.
      const [file, anchor] = rule.annotations.runbook_url.split('#');
      const headings = readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .filter((line) => /^#{1,6} /.test(line))
        .map((line) => line.replace(/^#+ /, '').toLowerCase().replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-'));
      expect(headings).toContain(anchor);
    }
  });

  it('include the platform alerts: an app down, the outbox stuck, server errors, a backend failing', () => {
    const names = alerts.groups.find((g: any) => g.name === 'threadline-platform').rules.map((r: any) => r.alert);
    expect(names).toEqual(['AppDown', 'OutboxLagHigh', 'HttpServerErrorsHigh', 'BackendCircuitOpen', 'BackendErrorsHigh']);
  });
});

describe('metric names in the rules, the scrape config and the dashboard', () => {
  it('the PromQL reader finds series and refuses unknown functions', () => {
    expect(seriesIn('histogram_quantile(0.95, sum by (app, le) (rate(http_server_request_duration_seconds_bucket{app=~"$app"}[$__rate_interval])))')).toEqual([
      'http_server_request_duration_seconds_bucket',
    ]);
    expect(seriesIn('sum(a_total) / ignoring (x) b > 1 and on (app) c')).toEqual(['a_total', 'b', 'c']);
    expect(seriesIn('label_values(up{job="threadline"}, app)')).toEqual(['up']);
    expect(() => seriesIn('sume(a)')).toThrow('unknown PromQL function sume');
  });

  it('are all names the apps export', () => {
    const used = [...rules.map((rule) => rule.expr), ...dashboardQueries].flatMap(seriesIn);
    expect(used.filter((name) => !SERIES.has(name))).toEqual([]);
    // Any name written elsewhere in the files (descriptions, comments, the scrape config) too.
    const texts = [readFileSync(ALERT_RULES_PATH, 'utf8'), readFileSync(join(DOCKER, 'prometheus', 'prometheus.yml'), 'utf8'), dashboardText];
    const mentioned = texts.flatMap((text) => [...text.matchAll(/\b(?:threadline|http)_[a-z0-9_]+/g)].map((m) => m[0]));
    expect(mentioned.filter((name) => !SERIES.has(name))).toEqual([]);
  });

  it('the list names metrics the code defines (a metric renamed in the code fails here)', () => {
    const sourceFiles = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /(?<!\.(spec|int-spec|e2e-spec))\.ts$/.test(entry.name) ? [join(dir, entry.name)] : [],
      );
    const source = ['apps', 'libs'].flatMap((dir) => sourceFiles(join(ROOT, dir)).map((file) => readFileSync(file, 'utf8'))).join('\n');
    expect(Object.keys(METRICS).filter((name) => !new RegExp(`['"\`]${name}['"\`]`).test(source))).toEqual([]);
  });

  it('the dashboard shows every metric the apps export', () => {
    const shown = new Set(dashboardQueries.flatMap(seriesIn).map((name) => name.replace(/_(bucket|sum|count)$/, '')));
    expect(Object.keys(METRICS).filter((name) => !shown.has(name))).toEqual([]);
  });
});

describe('Grafana (docker/grafana)', () => {
  const datasources = yamlFile(join(DOCKER, 'grafana', 'provisioning', 'datasources', 'datasources.yaml')).datasources;
  const providers = yamlFile(join(DOCKER, 'grafana', 'provisioning', 'dashboards', 'dashboards.yaml')).providers;

  it('every panel of the dashboard has a provisioned data source and a query, and fits the grid', () => {
    const uids = datasources.map((d: any) => d.uid);
    expect(panels.length).toBeGreaterThanOrEqual(15);
    expect(new Set(dashboard.panels.map((p: any) => p.id)).size).toBe(dashboard.panels.length);
    for (const panel of panels) {
      expect(uids).toContain(panel.datasource.uid);
      expect(panel.targets.length).toBeGreaterThan(0);
      for (const target of panel.targets) {
        expect(uids).toContain(target.datasource.uid);
        expect(target.expr.trim()).not.toBe('');
      }
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
    }
  });

  it('is provisioned from where compose mounts the files, and reaches the services by their compose names', () => {
    const mounts: string[] = services.grafana.volumes;
    expect(mounts).toContain(`./grafana/dashboards:${providers[0].options.path}:ro`);
    expect(mounts).toContain('./grafana/provisioning:/etc/grafana/provisioning:ro');
    for (const source of datasources) expect(Object.keys(services)).toContain(new URL(source.url).hostname);
  });
});

describe('Prometheus, the collector and compose (docker/)', () => {
  it('Prometheus scrapes /metrics of every app at its compose name and port, and loads the rules', () => {
    const config = yamlFile(join(DOCKER, 'prometheus', 'prometheus.yml'));
    expect(config.rule_files).toEqual(['alerts.yml']);
    const job = config.scrape_configs.find((c: any) => c.job_name === 'threadline');
    expect(job).toMatchObject({ metrics_path: '/metrics', honor_labels: true });
    const targets = job.static_configs.map((c: any) => ({ target: c.targets[0], app: c.labels.app }));
    expect(targets.map((t: any) => t.app).sort()).toEqual([...APPS].sort());
    for (const { target, app } of targets) expect(target).toBe(`${app}:${services[app].environment.PORT}`);
  });

  it('compose runs every app with its traces sent to the collector, which passes them to Jaeger', () => {
    const collector = yamlFile(join(DOCKER, 'otel-collector', 'config.yaml'));
    expect(collector.receivers.otlp.protocols).toEqual({ grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } });
    const pipeline = collector.service.pipelines.traces;
    expect(pipeline.receivers).toEqual(['otlp']);
    for (const name of pipeline.processors) expect(collector.processors[name]).toBeDefined();
    for (const name of pipeline.exporters) expect(collector.exporters[name].endpoint).toBe('jaeger:4317');
    for (const app of APPS) {
      expect(services[app].build.args.APP).toBe(app);
      expect(services[app].environment.OTEL_EXPORTER_OTLP_ENDPOINT).toBe('http://otel-collector:4318');
    }
    expect(services['otel-collector'].volumes).toContain('./otel-collector/config.yaml:/etc/otelcol/config.yaml:ro');
    expect(services.prometheus.volumes).toContain('./prometheus:/etc/prometheus:ro');
  });

  it('compose names only services it has, pins every image it does not build, and mounts only files that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      const dependencies = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      for (const dependency of dependencies) expect(`${name} -> ${dependency}: ${dependency in services}`).toBe(`${name} -> ${dependency}: true`);
      if (!service.build) expect(service.image).toMatch(/^[\w./-]+:v?\d+(\.\d+)*$/);
      for (const volume of service.volumes ?? []) {
        const source = String(volume).split(':')[0];
        if (source.startsWith('.')) expect(existsSync(join(DOCKER, source))).toBe(true);
      }
    }
    for (const telemetry of ['prometheus', 'grafana', 'otel-collector', 'jaeger']) expect(services[telemetry]).toBeDefined();
  });
});
