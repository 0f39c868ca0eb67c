import { RunningApp, startHttpApp } from '@threadline/platform';
import { IdpMockConfig } from './idp-mock.config';
import { IdpMockModule } from './idp-mock.module';

export async function startIdpMock(config: IdpMockConfig): Promise<RunningApp> {
  return startHttpApp(IdpMockModule.register(config), {
    name: 'idp-mock',
    title: 'Threadline IdP (simulated)',
    description:
      'Simulated identity provider standing in for Keycloak, Entra ID or Okta: OAuth 2.0 client credentials for services; ' +
      'OpenID Connect sign-in for people (discovery, authorization code with PKCE, ID tokens, userinfo, end session); RS256 tokens, JWKS.',
    version: '1.1.0',
    securitySchemes: {
      clientSecretBasic: {
        type: 'http',
        scheme: 'basic',
        description: 'Client authentication at the token endpoint: client_secret_basic (RFC 6749 2.3.1); client_secret_post (client_id and client_secret in the form) is accepted too',
      },
      userAccessToken: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'An RS256 access token issued to a client for a signed-in person (authorization code grant with scope openid), validated per RFC8725 (JSON Web Token Best Current Practices): algorithm, issuer, expiry',
      },
    },
    port: config.port,
    host: config.host,
  });
}
