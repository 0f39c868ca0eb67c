import { checkWebhookUrl, classifyAddress } from './webhook-url-policy';

const privateOnly = { allowPublicHosts: false, resolve: async (host: string) => ({ 'scheduling-system-api': ['172.18.0.5'], 'example.com': ['93.184.215.14'], 'metadata.internal': ['169.254.169.254'] })[host] ?? [] };

describe('webhook URL policy (SSRF guard)', () => {
  it('classifies addresses', () => {
    expect(['127.0.0.1', '::1', '10.1.2.3', '172.16.0.1', '172.32.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', 'fd00::1', '8.8.8.8', '::ffff:127.0.0.1'].map(classifyAddress)).toEqual([
      'loopback',
      'loopback',
      'private',
      'private',
      'public',
      'private',
      'link-local',
      'unspecified',
      'private',
      'public',
      'loopback',
    ]);
  });

  it('accepts http(s) on loopback and private hosts', async () => {
    await expect(checkWebhookUrl('http://127.0.0.1:4203/v1/webhooks/scheduler', privateOnly)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('https://[::1]:8443/hook', privateOnly)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://scheduling-system-api:4203/v1/webhooks/scheduler', privateOnly)).resolves.toBeInstanceOf(URL);
  });

  it.each([
    ['file:///etc/passwd', 'Scheme'],
    ['gopher://127.0.0.1:25/', 'Scheme'],
    ['not a url', 'valid URL'],
    ['http://user:pw@127.0.0.1/hook', 'Credentials'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://metadata.internal/', 'link-local'],
    ['http://0.0.0.0:4203/', 'unspecified'],
    ['http://example.com/hook', 'public'],
    ['http://8.8.8.8/hook', 'public'],
    ['http://nowhere.invalid/hook', 'does not resolve'],
  ])('refuses %s', async (url, reason) => {
    await expect(checkWebhookUrl(url, privateOnly)).rejects.toThrow(reason);
  });

  it('lets public hosts through only when allowed, never link-local ones', async () => {
    const open = { ...privateOnly, allowPublicHosts: true };
    await expect(checkWebhookUrl('https://example.com/hook', open)).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://169.254.169.254/', open)).rejects.toThrow('link-local');
  });
});
