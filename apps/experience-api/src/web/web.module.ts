import { DynamicModule, Module } from '@nestjs/common';
import { ExperienceApiConfig } from '../experience-api.config';
import { AssetsController } from './assets.controller';
import { AuthController } from './auth.controller';
import { DashboardApi } from './dashboard-api.service';
import { DashboardController } from './dashboard.controller';
import { OidcClient } from './oidc.client';
import { WebSessionRepository } from './web-session.repository';
import { WebSessionService } from './web-session.service';

/**
 * The web dashboard at `/`: a backend-for-frontend that signs people in with OpenID Connect, keeps
 * their tokens in server-side sessions (table web_sessions) and renders pages from the documented APIs.
 */
@Module({})
export class WebModule {
  static register(config: ExperienceApiConfig): DynamicModule {
    return {
      module: WebModule,
      controllers: [AuthController, DashboardController, AssetsController],
      providers: [{ provide: ExperienceApiConfig, useValue: config }, OidcClient, WebSessionRepository, WebSessionService, DashboardApi],
    };
  }
}
