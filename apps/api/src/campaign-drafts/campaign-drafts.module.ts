import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { CampaignDraftsController } from './campaign-drafts.controller';
import { CampaignDraftsService } from './campaign-drafts.service';

@Module({ imports: [CampaignsModule], controllers: [CampaignDraftsController], providers: [CampaignDraftsService] })
export class CampaignDraftsModule {}
