import { Module } from '@nestjs/common';
import { OfficeSettingsController } from './office-settings.controller';
import { OfficeSettingsService } from './office-settings.service';

@Module({ controllers: [OfficeSettingsController], providers: [OfficeSettingsService], exports: [OfficeSettingsService] })
export class OfficeSettingsModule {}
