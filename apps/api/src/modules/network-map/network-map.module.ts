import { Module } from '@nestjs/common';
import { CaseFileModule } from '../case-file/case-file.module';
import { NetworkMapController } from './network-map.controller';
import { NetworkMapGateway } from './network-map.gateway';
import { EcogramService } from './ecogram.service';
import { GenogramService } from './genogram.service';
import { NetworkMapVersionsService } from './network-map-versions.service';
import { NetworkMapService } from './network-map.service';

/** Genogram and ecogram of a household: one model with the case file's people, live. */
@Module({
  imports: [CaseFileModule],
  controllers: [NetworkMapController],
  providers: [
    NetworkMapService,
    GenogramService,
    EcogramService,
    NetworkMapVersionsService,
    NetworkMapGateway,
  ],
  exports: [NetworkMapService],
})
export class NetworkMapModule {}
