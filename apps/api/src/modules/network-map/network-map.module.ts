import { Module } from '@nestjs/common';
import { CaseFileModule } from '../case-file/case-file.module';
import { NetworkMapController } from './network-map.controller';
import { NetworkMapGateway } from './network-map.gateway';
import { NetworkMapService } from './network-map.service';

/** Genogram and ecogram of a household: one model with the case file's people, live. */
@Module({
  imports: [CaseFileModule],
  controllers: [NetworkMapController],
  providers: [NetworkMapService, NetworkMapGateway],
  exports: [NetworkMapService],
})
export class NetworkMapModule {}
