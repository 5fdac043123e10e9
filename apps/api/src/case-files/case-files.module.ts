import { Module } from '@nestjs/common';
import { CaseFileImportsController } from './case-file-imports.controller';
import { CaseFileImportsService } from './case-file-imports.service';
import { CaseFileScansController } from './case-file-scans.controller';
import { CaseFileScansService } from './case-file-scans.service';
import { CaseFilesController } from './case-files.controller';
import { CaseFilesService } from './case-files.service';

/** The imports' controller comes first: its `case-files/imports` routes must match before `case-files/:id`. */
@Module({ controllers: [CaseFileImportsController, CaseFilesController, CaseFileScansController], providers: [CaseFilesService, CaseFileImportsService, CaseFileScansService] })
export class CaseFilesModule {}
