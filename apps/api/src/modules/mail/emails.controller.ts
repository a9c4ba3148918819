import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SentEmail } from '@tdb/contracts';
import { Authorize } from '../../common/auth/authorize.decorator';
import { SentEmailResponse } from './dto/sent-email.response';
import { MailService } from './mail.service';

@ApiTags('emails')
@Controller('emails')
export class EmailsController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @Authorize('emails.read')
  @ApiOperation({
    summary: 'Courriels envoyés (ou seulement enregistrés sans serveur SMTP), les plus récents d’abord',
  })
  @ApiOkResponse({ type: [SentEmailResponse], description: 'Les 200 plus récents' })
  // emails.read needs no resource: the guard decides it.
  list(): Promise<SentEmail[]> {
    return this.mail.list();
  }
}
