import { Module } from '@nestjs/common';
import { ReviewerPoolController } from './reviewer-pool.controller';
import { ReviewerPoolService } from './reviewer-pool.service';

@Module({ controllers: [ReviewerPoolController], providers: [ReviewerPoolService] })
export class ReviewerPoolModule {}
