import { Controller, Get, Headers } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { DialectError, Public } from '@threadline/platform';
import { SignInService, UserClaims } from './sign-in.service';

class UserInfoDto implements UserClaims {
  @ApiProperty({ example: 'paula', maxLength: 100, description: 'The username' })
  sub: string;

  @ApiProperty({ example: 'Paula Moreno', maxLength: 200 })
  name: string;

  @ApiProperty({ example: 'paula', maxLength: 100 })
  preferred_username: string;

  @ApiProperty({ example: 'paula@threadline.example', maxLength: 320 })
  email: string;

  @ApiProperty({ example: true })
  email_verified: boolean;

  @ApiProperty({ example: ['planner'], maxItems: 10, type: 'array', items: { type: 'string', maxLength: 50 }, description: 'executive, planner, operator' })
  roles: string[];
}

/** RFC 6750 section 3: the bearer challenge, with the error when a token was presented. */
function bearerError(status: 401 | 403, error: string, detail: string): DialectError {
  return new DialectError(`OAUTH_${error.toUpperCase()}`, status, 'Userinfo request refused', detail, { error, error_description: detail }).withHeaders({
    'www-authenticate': `Bearer realm="threadline-idp", error="${error}", error_description="${detail}"`,
  });
}

@ApiTags('oidc')
@Public()
@Controller('oauth')
export class UserinfoController {
  constructor(private readonly signIn: SignInService) {}

  @Get('userinfo')
  @ApiSecurity('userAccessToken')
  @ApiOperation({ operationId: 'getUserinfo', summary: 'OpenID Connect userinfo: the signed-in person, for an access token from their sign-in' })
  @ApiOkResponse({ type: UserInfoDto })
  @ApiResponse({ status: 403, description: 'OAUTH_INSUFFICIENT_SCOPE: the token was not issued with scope openid' })
  async userinfo(@Headers('authorization') authorization: string | undefined): Promise<UserInfoDto> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw bearerError(401, 'invalid_token', 'a bearer access token from a sign-in is required');
    const found = await this.signIn.userOfAccessToken(token);
    if (!found) throw bearerError(401, 'invalid_token', 'the token is not a valid access token of a signed-in person');
    if (!found.scope.includes('openid')) throw bearerError(403, 'insufficient_scope', 'the token was not issued with scope openid');
    return found.claims;
  }
}
