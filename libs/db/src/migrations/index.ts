import { Foundation1763798400000 } from './1763798400000-foundation';
import { SelfCheckAndReview1763884800000 } from './1763884800000-self-check-and-review';
import { OpinionsAndRectification1763971200000 } from './1763971200000-opinions-and-rectification';
import { Outbox1764057600000 } from './1764057600000-outbox';
import { IdempotentPosts1764144000000 } from './1764144000000-idempotent-posts';
import { Attachments1764230400000 } from './1764230400000-attachments';
import { Notifications1764316800000 } from './1764316800000-notifications';
import { SupplementaryLetters1764403200000 } from './1764403200000-supplementary-letters';
import { ScoringStandardBases1764489600000 } from './1764489600000-scoring-standard-bases';
import { OfficeSettings1764576000000 } from './1764576000000-office-settings';
import { AssessmentAndAnnualReport1764662400000 } from './1764662400000-assessment-and-annual-report';
import { SignInFailures1765008000000 } from './1765008000000-sign-in-failures';
import { SessionEpoch1765009000000 } from './1765009000000-session-epoch';
import { AnnualReportNotices1764835200000 } from './1764835200000-annual-report-notices';
import { ReviewerPoolAndScans1765100000000 } from './1765100000000-reviewer-pool-and-scans';
import { AnnualReportNoticeKey1765200000000 } from './1765200000000-annual-report-notice-key';
import { DrawReviewerProof1765300000000 } from './1765300000000-draw-reviewer-proof';
import { CampaignTaskCounts1765400000000 } from './1765400000000-campaign-task-counts';
import { DrawRuns1765500000010 } from './1765500000010-draw-runs';
import { CaseFileImports1765600000000 } from './1765600000000-case-file-imports';

/** Every migration, oldest first. The schema changes only through these. */
export const MIGRATIONS = [Foundation1763798400000, SelfCheckAndReview1763884800000, OpinionsAndRectification1763971200000, Outbox1764057600000, IdempotentPosts1764144000000, Attachments1764230400000, Notifications1764316800000, SupplementaryLetters1764403200000, ScoringStandardBases1764489600000, OfficeSettings1764576000000, AssessmentAndAnnualReport1764662400000, AnnualReportNotices1764835200000, SignInFailures1765008000000, SessionEpoch1765009000000, ReviewerPoolAndScans1765100000000, AnnualReportNoticeKey1765200000000, DrawReviewerProof1765300000000, CampaignTaskCounts1765400000000, DrawRuns1765500000010, CaseFileImports1765600000000];
