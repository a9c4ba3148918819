import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import type {
  AcceptInvitationRequest,
  ChangePasswordRequest,
  ForgotPasswordRequest,
  LoginRequest,
} from '@tdb/contracts';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'admin@tdb.localhost' })
  @IsString({ message: 'Saisissez votre adresse électronique.' })
  @MaxLength(320, { message: 'Adresse électronique trop longue.' })
  email: string;

  @ApiProperty()
  @IsString({ message: 'Saisissez votre mot de passe.' })
  @MaxLength(200, { message: 'Mot de passe trop long.' })
  password: string;

  @ApiPropertyOptional({ description: 'Code à 6 chiffres de l’application d’authentification' })
  @IsOptional()
  @IsString()
  @Length(6, 6, { message: 'Le code compte 6 chiffres.' })
  totpCode?: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString({ message: 'Saisissez votre mot de passe actuel.' })
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ description: 'Au moins 12 caractères, difficile à deviner' })
  @IsString({ message: 'Saisissez le nouveau mot de passe.' })
  @MaxLength(200, { message: 'Le mot de passe ne doit pas dépasser 200 caractères.' })
  newPassword: string;
}

export class ForgotPasswordDto implements ForgotPasswordRequest {
  @ApiProperty()
  @IsEmail({}, { message: 'Adresse électronique invalide.' })
  @MaxLength(320)
  email: string;
}

export class PasswordTokenDto implements AcceptInvitationRequest {
  @ApiProperty({ description: 'Jeton reçu par courriel' })
  @IsString({ message: 'Lien incomplet : jeton absent.' })
  @MaxLength(200)
  token: string;

  @ApiProperty({ description: 'Au moins 12 caractères, difficile à deviner' })
  @IsString({ message: 'Saisissez un mot de passe.' })
  @MaxLength(200, { message: 'Le mot de passe ne doit pas dépasser 200 caractères.' })
  password: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456' })
  @IsString({ message: 'Saisissez le code à 6 chiffres.' })
  @Length(6, 6, { message: 'Le code compte 6 chiffres.' })
  code: string;
}

export class PasswordConfirmationDto {
  @ApiProperty()
  @IsString({ message: 'Saisissez votre mot de passe.' })
  @MaxLength(200)
  password: string;
}
