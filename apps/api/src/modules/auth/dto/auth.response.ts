/** Swagger descriptions of the authentication responses; the shapes are the contracts' interfaces. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  LoginResponse,
  LogoutResponse,
  OidcStatus,
  SessionInfo,
  TokenInfo,
  TotpSetup,
} from '@tdb/contracts';
import { AccountResponse } from '../../identity/dto/account.response';

export class LoginResponseDto implements LoginResponse {
  @ApiProperty({
    description:
      'Jeton d’accès de courte durée (JWT), à envoyer en « Authorization: Bearer … » ; le jeton de renouvellement est un cookie httpOnly',
  })
  accessToken: string;
  @ApiProperty({ description: 'Durée de validité du jeton d’accès, en secondes' }) expiresIn: number;
  @ApiProperty({ type: AccountResponse }) account: AccountResponse;
  @ApiProperty({
    description:
      'La double authentification est obligatoire pour le rôle du compte et pas encore configurée : seul « Mon compte » fonctionne',
  })
  totpEnrollmentRequired: boolean;
}

/** What the 429 of a sign-in refused after too many failures adds to the error shape. */
export class LoginThrottledDetails {
  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Après trop d’échecs avec cette adresse (LOGIN_THROTTLED) : heure à partir de laquelle réessayer',
  })
  retryAt?: string;
}

export class MessageResponse {
  @ApiProperty({ description: 'Message en français' }) message: string;
}

export class TokenInfoResponse implements TokenInfo {
  @ApiProperty({ enum: ['INVITATION', 'PASSWORD_RESET'] }) purpose: 'INVITATION' | 'PASSWORD_RESET';
  @ApiProperty({ format: 'email' }) email: string;
  @ApiProperty() firstName: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class SessionInfoResponse implements SessionInfo {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) lastUsedAt: string;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ type: String, nullable: true }) ipAddress: string | null;
  @ApiProperty({ description: 'La session de cet appareil' }) current: boolean;
}

export class TotpSetupResponse implements TotpSetup {
  @ApiProperty({ description: 'Secret à saisir dans l’application d’authentification' }) secret: string;
  @ApiProperty({ description: 'URI otpauth:// (à afficher en QR code)' }) otpauthUri: string;
}

export class LogoutResponseDto implements LogoutResponse {
  @ApiProperty({
    format: 'uri',
    description:
      'Page de déconnexion du fournisseur d’identité (end_session_endpoint) où envoyer le navigateur',
  })
  providerLogoutUrl: string;
}

export class OidcStatusResponse implements OidcStatus {
  @ApiProperty({ description: 'La connexion par un fournisseur d’identité est proposée' }) enabled: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Nom du fournisseur, pour le bouton (« ProConnect ») ; null si désactivée',
  })
  displayName: string | null;
}
