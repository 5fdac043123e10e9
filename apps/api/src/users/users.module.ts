import { Module } from '@nestjs/common';
import { OwnPasswordController, UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({ controllers: [UsersController, OwnPasswordController], providers: [UsersService] })
export class UsersModule {}
