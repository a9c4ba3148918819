import { Module } from '@nestjs/common';
import { IndicatorsModule } from '../indicators/indicators.module';
import { AtypiaService } from './atypia.service';

/** The atypia rules run at each save and in the campaign job (the campaigns module uses it). */
@Module({
  imports: [IndicatorsModule],
  providers: [AtypiaService],
  exports: [AtypiaService],
})
export class AtypiaEngineModule {}
