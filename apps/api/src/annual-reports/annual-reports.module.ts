import { Module } from '@nestjs/common';
import { OfficeSettingsModule } from '../office-settings/office-settings.module';
import { AnnualReportsController, MyAnnualReportsController } from './annual-reports.controller';
import { AnnualReportsService } from './annual-reports.service';

@Module({ imports: [OfficeSettingsModule], controllers: [AnnualReportsController, MyAnnualReportsController], providers: [AnnualReportsService] })
export class AnnualReportsModule {}
