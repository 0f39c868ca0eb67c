import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { publicRateLimitGuard } from '@threadline/gateway-auth';
import { DatabaseModule, HealthModule } from '@threadline/platform';
import { ClientRepository } from './clients/client.repository';
import { demoClients } from './clients/demo-clients';
import { ClientService } from './clients/client.service';
import { IdpMockConfig } from './idp-mock.config';
import { IDP_MOCK_SCHEMA } from './idp-mock.schema';
import { SigningKeyRepository } from './keys/signing-key.repository';
import { SigningKeyService } from './keys/signing-key.service';
import { IdpInit1764200000000 } from './migrations/1764200000000-idp-init';
import { ClientPlants1766000000001 } from './migrations/1766000000001-client-plants';
import { OidcSignIn1767100000000 } from './migrations/1767100000000-oidc-sign-in';
import { AuthorizeController } from './oidc/authorize.controller';
import { GrantRepository } from './oidc/grant.repository';
import { SignInService } from './oidc/sign-in.service';
import { UserRepository } from './oidc/user.repository';
import { UserService } from './oidc/user.service';
import { UserinfoController } from './oidc/userinfo.controller';
import { TokenController } from './token/token.controller';

@Module({})
export class IdpMockModule implements OnModuleInit {
  constructor(
    @Inject(SigningKeyService) private readonly keys: SigningKeyService,
    @Inject(ClientService) private readonly clients: ClientService,
    @Inject(UserService) private readonly users: UserService,
    @Inject(IdpMockConfig) private readonly config: IdpMockConfig,
  ) {}

  static register(config: IdpMockConfig): DynamicModule {
    return {
      module: IdpMockModule,
      imports: [
        DatabaseModule.forApp({
          schema: IDP_MOCK_SCHEMA,
          url: config.databaseUrl,
          migrations: [IdpInit1764200000000, ClientPlants1766000000001, OidcSignIn1767100000000],
        }),
        HealthModule,
      ],
      controllers: [TokenController, AuthorizeController, UserinfoController],
      providers: [
        { provide: IdpMockConfig, useValue: config },
        // Token requests are counted per address, which bounds a run at guessing client secrets.
        { provide: APP_GUARD, useClass: publicRateLimitGuard() },
        SigningKeyRepository,
        SigningKeyService,
        ClientRepository,
        ClientService,
        UserRepository,
        UserService,
        GrantRepository,
        SignInService,
      ],
      exports: [SigningKeyService],
    };
  }

  async onModuleInit(): Promise<void> {
    await this.keys.ensureKey();
    await this.clients.seedDemoClients(demoClients(this.config));
    await this.users.seedDemoUsers();
  }
}
