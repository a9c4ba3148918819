import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { IndicatorsModule } from '../indicators/indicators.module';
import { AtypiaEngineModule } from './atypia-engine.module';

/** The review of atypia by ARS and CD: the table, the threads, decisions, and who checks what. */
@Module({
  imports: [AccountsModule, CampaignsModule, IndicatorsModule, AtypiaEngineModule],
  controllers: [],
  providers: [],
})
export class AtypiaModule {}
