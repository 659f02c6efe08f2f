import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '@scamintel/audit';
import { AuthGuard } from './auth.guard';
import { KeysController } from './keys.controller';
import { KeysRepository } from './keys.repository';
import { KeysService } from './keys.service';

@Module({
  imports: [AuditModule],
  controllers: [KeysController],
  providers: [KeysRepository, KeysService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [KeysService],
})
export class AuthModule {}
