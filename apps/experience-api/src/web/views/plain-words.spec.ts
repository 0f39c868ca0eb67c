import { adoptionWords, ageWords, durationWords, releaseWords, rolloutWords, weekdayTime } from './plain-words';
import { html } from './html';

describe('the dashboard in plain words', () => {
  it('says how far a change has rolled out', () => {
    expect(adoptionWords(2, 3)).toBe('rolled out to 2 of 3 plants');
    expect(adoptionWords(1, 1)).toBe('rolled out to 1 of 1 plant');
    expect(releaseWords('AWAITING_APPROVAL')).toBe('waiting for an approver');
  });

  it("names a plant's release window by weekday and time", () => {
    // 2026-12-07 is a Monday.
    expect(weekdayTime('2026-12-07T06:00:00.000Z')).toBe('Monday 06:00 UTC');
    expect(rolloutWords({ plant: 'P2', state: 'WAITING_FOR_WINDOW', notBefore: '2026-12-07T06:00:00.000Z' })).toBe(
      "waiting for P2's release window, opens Monday 06:00 UTC",
    );
    expect(rolloutWords({ plant: 'P1', state: 'PENDING', stalled: { reason: 'ERP refused the BOM' } })).toBe(
      'stalled in P1: ERP refused the BOM (an operator can replay it)',
    );
  });

  it('says durations and ages the way people do', () => {
    expect(durationWords(42)).toBe('42 s');
    expect(durationWords(0.2)).toBe('under 1 s');
    expect(durationWords(0)).toBe('0 s');
    expect(durationWords(125)).toBe('2 min 5 s');
    expect(durationWords(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
    expect(durationWords(2 * 86_400 + 4 * 3600)).toBe('2 d 4 h');
    expect(durationWords(null)).toBe('not measured yet');
    expect(ageWords('2026-12-05T10:00:00.000Z', Date.parse('2026-12-05T10:05:00.000Z'))).toBe('5 min ago');
  });

  it('escapes what the APIs say, so a title cannot inject markup', () => {
    const title = '<script>alert(1)</script> & "x"';
    expect(html`<td>${title}</td>`.value).toBe('<td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</td>');
    expect(html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>a</li><li>b</li></ul>');
  });
});
