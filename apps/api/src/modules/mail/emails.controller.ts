import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SentEmail } from '@tdb/contracts';
import { AccessService } from '../../common/auth/access.service';
import type { AuthenticatedActor } from '../../common/auth/authenticated-actor';
import { Authorize } from '../../common/auth/authorize.decorator';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { MailService } from './mail.service';

@ApiTags('emails')
@Controller('emails')
export class EmailsController {
  constructor(
    private readonly mail: MailService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @Authorize('emails.read')
  @ApiOperation({
    summary: 'Courriels envoyés (ou seulement enregistrés sans serveur SMTP), les plus récents d’abord',
  })
  list(@CurrentUser() actor: AuthenticatedActor): Promise<SentEmail[]> {
    this.access.check(actor, { type: 'emails.read' });
    return this.mail.list();
  }
}
