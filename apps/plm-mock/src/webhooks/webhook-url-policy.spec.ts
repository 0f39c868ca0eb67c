import { webhookUrlProblem } from './webhook-url-policy';

const LOCAL = ['127.0.0.1', 'localhost', '[::1]'];

describe('webhookUrlProblem (SSRF guard)', () => {
  it('accepts http and https URLs to allowed hosts', () => {
    expect(webhookUrlProblem('http://127.0.0.1:4201/v1/webhooks/plm', LOCAL)).toBeUndefined();
    expect(webhookUrlProblem('https://localhost/hook', LOCAL)).toBeUndefined();
    expect(webhookUrlProblem('http://[::1]:8080/hook', LOCAL)).toBeUndefined();
  });

  it('refuses other schemes, credentials, malformed URLs and hosts off the list', () => {
    expect(webhookUrlProblem('file:///etc/passwd', LOCAL)).toMatch(/only http and https/);
    expect(webhookUrlProblem('gopher://127.0.0.1:25/', LOCAL)).toMatch(/only http and https/);
    expect(webhookUrlProblem('http://user:pw@127.0.0.1/hook', LOCAL)).toMatch(/credentials/);
    expect(webhookUrlProblem('not a url', LOCAL)).toMatch(/absolute URL/);
    expect(webhookUrlProblem('http://10.0.0.5/hook', LOCAL)).toMatch(/not in WEBHOOK_ALLOWED_HOSTS/);
  });

  it('with * allows any host except link-local and unspecified addresses', () => {
    expect(webhookUrlProblem('https://erp.example.com/hook', ['*'])).toBeUndefined();
    expect(webhookUrlProblem('http://169.254.169.254/latest/meta-data', ['*'])).toMatch(/link-local/);
    expect(webhookUrlProblem('http://0.0.0.0:4201/', ['*'])).toMatch(/unspecified/);
    expect(webhookUrlProblem('http://[fe80::1]/', ['*'])).toMatch(/link-local/);
  });
});
