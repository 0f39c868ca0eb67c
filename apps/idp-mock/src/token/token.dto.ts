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

export class TokenRequestDto {
  @ApiProperty({ enum: ['client_credentials'], example: 'client_credentials' })
  @IsIn(['client_credentials'])
  grant_type: 'client_credentials';

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
}
