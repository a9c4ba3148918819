import { Module } from '@nestjs/common';
import { ComputationModule } from '../computation/computation.module';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsService } from './indicators.service';

/** The indicators' guide; computing and storing them is the computation module's part. */
@Module({
  imports: [ComputationModule],
  controllers: [IndicatorsController],
  providers: [IndicatorsService],
})
export class IndicatorsModule {}
