import { ApiProperty } from '@nestjs/swagger';
import type { SentEmail } from '@tdb/contracts';

export class SentEmailResponse implements SentEmail {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Destinataire' }) to: string;
  @ApiProperty() subject: string;
  @ApiProperty({ description: 'Corps du message, en texte' }) text: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({
    enum: ['stored', 'sent', 'failed'],
    description:
      'stored : seulement enregistré (aucun serveur SMTP configuré) ; sent : envoyé ; failed : échec de l’envoi',
  })
  status: 'stored' | 'sent' | 'failed';
}
