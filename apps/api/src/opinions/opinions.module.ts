import { Module } from '@nestjs/common';
import { OpinionsController, RectificationsController } from './opinions.controller';
import { OpinionsService } from './opinions.service';
import { RectificationsService } from './rectifications.service';

@Module({ controllers: [OpinionsController, RectificationsController], providers: [OpinionsService, RectificationsService] })
export class OpinionsModule {}
