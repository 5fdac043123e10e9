import { Module } from '@nestjs/common';
import { CaseFilesController } from './case-files.controller';
import { CaseFilesService } from './case-files.service';

@Module({ controllers: [CaseFilesController], providers: [CaseFilesService] })
export class CaseFilesModule {}
