import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '@rol/db';
import { ApiConfig } from '../common/api-config';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity]),
    JwtModule.registerAsync({
      inject: [ApiConfig],
      // The secret as a KeyObject, made once: given a string, jsonwebtoken first tries to read it as
      // a PEM public key on every verify and builds the key only after that throws (~0.5 ms a request,
      // the largest cost of an inbox request in the profile). Only HS256 is accepted.
      useFactory: (config: ApiConfig) => ({
        secret: createSecretKey(Buffer.from(config.value.jwt.secret, 'utf8')),
        signOptions: { algorithm: 'HS256', expiresIn: config.value.jwt.expiresIn as `${number}h` },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
})
export class AuthModule {}
