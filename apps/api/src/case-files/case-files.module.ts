import { Module } from '@nestjs/common';
import { CaseFileScansController } from './case-file-scans.controller';
import { CaseFileScansService } from './case-file-scans.service';
import { CaseFilesController } from './case-files.controller';
import { CaseFilesService } from './case-files.service';

@Module({ controllers: [CaseFilesController, CaseFileScansController], providers: [CaseFilesService, CaseFileScansService] })
export class CaseFilesModule {}
