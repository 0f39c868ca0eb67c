import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

/** What the token endpoint accepts; client ids and secrets are registered far shorter. */
const CLIENT_ID_MAX = 100;
const CLIENT_SECRET_MAX = 200;
/** Space-separated scopes: the demo clients' longest grant is under 150 characters. */
const SCOPES_MAX = 1000;
const AUDIENCE_MAX = 200;
/**
 * An issued RS256 token: a small header, claims that stay small (granted scopes are a subset of
 * the client's, audiences are app ids) and a 342-character signature with a 2048-bit key.
 */
const ACCESS_TOKEN_MAX = 4096;
/** Codes and refresh tokens are 43 base64url characters (256 bits); anything much longer is not ours. */
const GRANT_SECRET_MAX = 200;
/** RFC 7636 allows 128 characters; a longer one is refused as invalid_grant, not cut. */
const CODE_VERIFIER_MAX = 1000;
const REDIRECT_URI_MAX = 2000;

export const GRANT_TYPES = ['client_credentials', 'authorization_code', 'refresh_token'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export class TokenRequestDto {
  @ApiProperty({
    enum: GRANT_TYPES,
    example: 'client_credentials',
    description: 'client_credentials for a service; authorization_code (with PKCE) and refresh_token for a client that signs people in',
  })
  @IsIn(GRANT_TYPES)
  grant_type: GrantType;

  @ApiPropertyOptional({ description: 'Or HTTP Basic authentication', example: 'demo-integrator', maxLength: CLIENT_ID_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(CLIENT_ID_MAX)
  client_id?: string;

  @ApiPropertyOptional({ description: 'Or HTTP Basic authentication', example: 'demo-secret', maxLength: CLIENT_SECRET_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(CLIENT_SECRET_MAX)
  client_secret?: string;

  @ApiPropertyOptional({ description: 'Space-separated scopes; defaults to all the client may have', example: 'plm:read plm:write', maxLength: SCOPES_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(SCOPES_MAX)
  scope?: string;

  @ApiPropertyOptional({ example: 'threadline', maxLength: AUDIENCE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(AUDIENCE_MAX)
  audience?: string;

  @ApiPropertyOptional({ description: 'authorization_code: the code the authorization endpoint issued', example: 'Zt1XkK3m9m1pC2yHq8b0JcYv8D9lXo3uYQ5h6i7j8kA', maxLength: GRANT_SECRET_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(GRANT_SECRET_MAX)
  code?: string;

  @ApiPropertyOptional({ description: 'authorization_code: the redirect_uri of the authorization request', example: 'http://127.0.0.1:4401/auth/callback', maxLength: REDIRECT_URI_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(REDIRECT_URI_MAX)
  redirect_uri?: string;

  @ApiPropertyOptional({ description: 'authorization_code: the PKCE code verifier (RFC 7636)', example: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', maxLength: CODE_VERIFIER_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(CODE_VERIFIER_MAX)
  code_verifier?: string;

  @ApiPropertyOptional({ description: 'refresh_token: the refresh token (each works once; a new one is returned)', example: 'q8b0JcYv8D9lXo3uYQ5h6i7j8kAZt1XkK3m9m1pC2yH', maxLength: GRANT_SECRET_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(GRANT_SECRET_MAX)
  refresh_token?: string;
}

export class TokenResponseDto {
  @ApiProperty({ example: 'eyJhbGciOiJSUzI1NiIsImtpZCI6Ii4uLiJ9...', maxLength: ACCESS_TOKEN_MAX })
  access_token: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  token_type: 'Bearer';

  @ApiProperty({ example: 3600 })
  expires_in: number;

  @ApiProperty({ example: 'plm:read plm:write', description: 'The scopes granted, space-separated', maxLength: SCOPES_MAX })
  scope: string;

  @ApiPropertyOptional({ description: 'authorization_code and refresh_token: the OpenID Connect ID token (RS256, audience the client)', example: 'eyJhbGciOiJSUzI1NiIsImtpZCI6Ii4uLiJ9...', maxLength: ACCESS_TOKEN_MAX })
  id_token?: string;

  @ApiPropertyOptional({ description: 'authorization_code and refresh_token, for a client allowed refresh tokens', example: 'q8b0JcYv8D9lXo3uYQ5h6i7j8kAZt1XkK3m9m1pC2yH', maxLength: GRANT_SECRET_MAX })
  refresh_token?: string;
}
