import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InstanceEntity } from './instance.entity';
import { InstanceService } from './instance.service';

@Module({
  imports: [TypeOrmModule.forFeature([InstanceEntity])],
  providers: [InstanceService],
  exports: [InstanceService],
})
export class InstanceModule {}
