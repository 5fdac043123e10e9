import { Module } from '@nestjs/common';
import { OfficeSettingsModule } from '../office-settings/office-settings.module';
import { OpinionsController, RectificationsController } from './opinions.controller';
import { OpinionsService } from './opinions.service';
import { RectificationsService } from './rectifications.service';

@Module({ imports: [OfficeSettingsModule], controllers: [OpinionsController, RectificationsController], providers: [OpinionsService, RectificationsService] })
export class OpinionsModule {}
