/**
 * Writes docker/prometheus/alerts.yml, the Prometheus alert rules, from the integration tiers'
 * default thresholds (libs/messaging/src/tiers.ts, DEFAULT_TIER_SETTINGS[tier].alerts) plus the
 * platform alerts below. test/contract/alert-rules.spec.ts fails when the committed file and this
 * output differ, so the rules cannot drift from the tiers. Run it after changing either:
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register test/tools/write-alert-rules.ts
 *
 * MESSAGING_TIERS can change the thresholds of a running process API; the rules follow the
 * defaults (a deployment that overrides them regenerates the file with its own values).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TIER_SETTINGS, type Tier, type TierPolicies, TIERS } from '@threadline/messaging';

export const ALERT_RULES_PATH = join(__dirname, '..', '..', 'docker', 'prometheus', 'alerts.yml');

/** Tier 1 wakes someone up, tier 2 opens a ticket, tier 3 is for the record. */
export const TIER_SEVERITY: Record<Tier, 'page' | 'ticket' | 'info'> = { 1: 'page', 2: 'ticket', 3: 'info' };

/** Where an operator reads what to do: retrying steps, dead letters and their replay. */
const OPERATIONS_RUNBOOK = 'README.md#operations';
/** The platform alerts' own notes. */
const PLATFORM_RUNBOOK = 'docker/README.md#alerts';

interface Rule {
  alert: string;
  expr: string;
  for: string;
  severity: string;
  summary: string;
  description: string;
  runbook: string;
}

/** "30 minutes", "2 hours", "1 day": thresholds in the words an operator would use. */
export function minutesInWords(minutes: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (minutes % 1440 === 0) return unit(minutes / 1440, 'day');
  if (minutes % 60 === 0) return unit(minutes / 60, 'hour');
  return unit(minutes, 'minute');
}

/**
 * The step gauges count rows of the shared step ledger, so two instances of one app report the same
 * figure: `max by (app, flow, tier)` takes it once where a sum would double it.
 */
function tierRules(tier: Tier, policies: TierPolicies): Rule[] {
  const { retryingSteps, oldestRetryMinutes, openDeadLetters } = policies[tier].alerts;
  const severity = TIER_SEVERITY[tier];
  const where = '{{ $labels.flow }} in {{ $labels.app }}';
  const oldest = minutesInWords(oldestRetryMinutes);
  return [
    {
      alert: 'RetryingStepsHigh',
      expr: `max by (app, flow, tier) (threadline_retrying_steps{tier="${tier}"}) > ${retryingSteps}`,
      for: '5m',
      severity,
      summary: `More than ${retryingSteps} steps of ${where} are retrying (tier ${tier})`,
      description:
        `{{ $value }} steps of the flow ${where} failed and are waiting for a retry; tier ${tier} alerts above ${retryingSteps}. ` +
        'A backend is usually down or refusing calls: GET /v1/retrying on the process API groups them by error class and backend. ' +
        'They go on by themselves once the cause is fixed.',
      runbook: OPERATIONS_RUNBOOK,
    },
    {
      alert: 'OldestRetryTooOld',
      expr: `max by (app, flow, tier) (threadline_oldest_retry_seconds{tier="${tier}"}) > ${oldestRetryMinutes * 60}`,
      for: '5m',
      severity,
      summary: `A step of ${where} has been retrying for more than ${oldest} (tier ${tier})`,
      description:
        `The oldest retrying step of the flow ${where} has been failing for {{ $value | humanizeDuration }}; tier ${tier} alerts after ${oldest}. ` +
        'Find it with GET /v1/retrying on the process API (filter by flow) and fix the cause; the step then goes on by itself.',
      runbook: OPERATIONS_RUNBOOK,
    },
    {
      alert: 'DeadLettersOpen',
      expr: `max by (app, flow, tier) (threadline_dead_letters_open{tier="${tier}"}) > ${openDeadLetters}`,
      for: '1m',
      severity,
      summary: openDeadLetters === 0 ? `Dead letters are open for ${where} (tier ${tier})` : `More than ${openDeadLetters} dead letters are open for ${where} (tier ${tier})`,
      description:
        `{{ $value }} steps of the flow ${where} gave up and wait for an operator; tier ${tier} alerts above ${openDeadLetters}. ` +
        'List them with GET /v1/dead-letters on the process API, fix the cause, then replay each one (POST /v1/dead-letters/{id}/replay, ' +
        'or many at once with POST /v1/dead-letter-replays) or discard it with a reason.',
      runbook: OPERATIONS_RUNBOOK,
    },
  ];
}

/** Alerts that do not depend on a tier: an app down, the outbox stuck, errors at the edge and toward the backends. */
const PLATFORM_RULES: Rule[] = [
  {
    alert: 'AppDown',
    expr: 'up{job="threadline"} == 0',
    for: '2m',
    severity: 'page',
    summary: '{{ $labels.app }} is down',
    description:
      'Prometheus has not been able to read /metrics from {{ $labels.app }} ({{ $labels.instance }}) for 2 minutes: the app is stopped, ' +
      'crashing at start-up (its first log line names a bad setting) or not answering.',
    runbook: PLATFORM_RUNBOOK,
  },
  {
    alert: 'OutboxLagHigh',
    expr: 'max by (app) (threadline_outbox_lag_seconds) > 300',
    for: '5m',
    severity: 'page',
    summary: 'Events of {{ $labels.app }} have waited more than 5 minutes to be published',
    description:
      'The oldest unpublished event in the outbox of {{ $labels.app }} is {{ $value | humanizeDuration }} old. Every flow that follows ' +
      'its events is held up: check that the app is running and can reach PostgreSQL, and look at its log for the outbox relay.',
    runbook: PLATFORM_RUNBOOK,
  },
  {
    alert: 'HttpServerErrorsHigh',
    expr:
      'sum by (app) (rate(http_server_request_duration_seconds_count{status=~"5.."}[5m]))\n' +
      '  / sum by (app) (rate(http_server_request_duration_seconds_count[5m])) > 0.05\n' +
      'and sum by (app) (rate(http_server_request_duration_seconds_count[5m])) > 0.05',
    for: '10m',
    severity: 'ticket',
    summary: 'More than 5% of the requests to {{ $labels.app }} fail with a server error',
    description:
      '{{ $value | humanizePercentage }} of the requests to {{ $labels.app }} answered 5xx over the last 5 minutes. The Threadline ' +
      'dashboard in Grafana shows which routes; the app log has the errors, with correlation and trace ids to follow in Jaeger.',
    runbook: PLATFORM_RUNBOOK,
  },
  {
    alert: 'BackendCircuitOpen',
    expr: 'sum by (app, backend) (increase(http_client_request_duration_seconds_count{outcome="circuit_open"}[5m])) > 0',
    for: '5m',
    severity: 'ticket',
    summary: 'Calls from {{ $labels.app }} to {{ $labels.backend }} are cut off by an open circuit breaker',
    description:
      '{{ $labels.app }} stopped calling {{ $labels.backend }} after repeated failures and keeps probing it. The steps that need it retry ' +
      'by their tier (they are not lost); restore the backend, then watch the retrying steps drain.',
    runbook: PLATFORM_RUNBOOK,
  },
  {
    alert: 'BackendErrorsHigh',
    expr:
      'sum by (app, backend) (rate(http_client_request_duration_seconds_count{outcome=~"server_error|timeout|network_error"}[5m]))\n' +
      '  / sum by (app, backend) (rate(http_client_request_duration_seconds_count[5m])) > 0.2',
    for: '10m',
    severity: 'ticket',
    summary: 'More than 20% of the calls from {{ $labels.app }} to {{ $labels.backend }} fail',
    description:
      '{{ $value | humanizePercentage }} of the calls from {{ $labels.app }} to {{ $labels.backend }} over the last 5 minutes ended in a ' +
      'server error, a timeout or a network error. The backend is failing or slow; the steps that need it are retried by their tier.',
    runbook: PLATFORM_RUNBOOK,
  },
];

/** A YAML single-quoted scalar: no escapes but a doubled quote, so the text reads as written. */
const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

function ruleYaml(rule: Rule): string {
  const expr = rule.expr
    .split('\n')
    .map((line) => `          ${line}`)
    .join('\n');
  return [
    `      - alert: ${rule.alert}`,
    '        expr: |-',
    expr,
    `        for: ${rule.for}`,
    '        labels:',
    `          severity: ${rule.severity}`,
    '        annotations:',
    `          summary: ${quoted(rule.summary)}`,
    `          description: ${quoted(rule.description)}`,
    `          runbook_url: ${quoted(rule.runbook)}`,
  ].join('\n');
}

function groupYaml(name: string, rules: Rule[]): string {
  return [`  - name: ${name}`, '    rules:', ...rules.map(ruleYaml)].join('\n');
}

/** The whole rule file, byte for byte. */
export function alertRulesYaml(policies: TierPolicies = DEFAULT_TIER_SETTINGS): string {
  const thresholds = TIERS.map((tier) => {
    const a = policies[tier].alerts;
    return `#   tier ${tier} (${TIER_SEVERITY[tier]}): more than ${a.retryingSteps} retrying, one retrying over ${minutesInWords(a.oldestRetryMinutes)}, more than ${a.openDeadLetters} dead letters`;
  });
  return [
    '# Prometheus alert rules for Threadline. GENERATED: do not edit by hand.',
    '#   node -r ts-node/register/transpile-only -r tsconfig-paths/register test/tools/write-alert-rules.ts',
    '# writes it from the tiers\' default thresholds (libs/messaging/src/tiers.ts, DEFAULT_TIER_SETTINGS):',
    ...thresholds,
    '# and test/contract/alert-rules.spec.ts fails when this file and tiers.ts disagree.',
    'groups:',
    ...TIERS.map((tier) => groupYaml(`threadline-tier-${tier}`, tierRules(tier, policies))),
    groupYaml('threadline-platform', PLATFORM_RULES),
    '',
  ].join('\n');
}

if (require.main === module) {
  writeFileSync(ALERT_RULES_PATH, alertRulesYaml());
  console.log(`wrote ${ALERT_RULES_PATH}`);
}
