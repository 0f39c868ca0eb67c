import { parsePrometheusText, sampleValue } from './prometheus-text';

describe('parsePrometheusText', () => {
  it('reads samples with and without labels, and skips comments', () => {
    const samples = parsePrometheusText(
      ['# HELP x_total a counter', '# TYPE x_total counter', 'x_total{plant="P1",kind="quality-hold",app="p"} 3', 'up 1', 'odd{v="a\\"b"} 2.5', ''].join('\n'),
    );
    expect(samples).toEqual([
      { name: 'x_total', labels: { plant: 'P1', kind: 'quality-hold', app: 'p' }, value: 3 },
      { name: 'up', labels: {}, value: 1 },
      { name: 'odd', labels: { v: 'a"b' }, value: 2.5 },
    ]);
    expect(sampleValue(samples, 'x_total', { kind: 'quality-hold' })).toBe(3);
    expect(sampleValue(samples, 'x_total', { kind: 'delay' })).toBeUndefined();
  });
});
