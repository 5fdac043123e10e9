import { Result, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useParams } from 'react-router-dom';
import { useAuth } from './auth/AuthContext';
import { isOffice, type Role } from './auth/session';
import { AppLayout } from './layout/AppLayout';
import { LoginPage } from './pages/LoginPage';

// Route-level code splitting: each page is its own chunk, loaded when first visited.
const Dashboard = lazy(() => import('./pages/office/DashboardPage'));
const Departments = lazy(() => import('./pages/office/DepartmentsPage'));
const Campaigns = lazy(() => import('./pages/office/CampaignsPage'));
const CampaignLaunch = lazy(() => import('./pages/office/CampaignLaunchPage'));
const CampaignDetail = lazy(() => import('./pages/office/CampaignDetailPage'));
const Inbox = lazy(() => import('./pages/department/InboxPage'));
const TaskDetail = lazy(() => import('./pages/department/TaskPage'));
const Letters = lazy(() => import('./pages/department/LettersPage'));
const Letter = lazy(() => import('./pages/LetterPage'));
const Rectification = lazy(() => import('./pages/RectificationPage'));
const Calendar = lazy(() => import('./pages/office/CalendarPage'));
const Audit = lazy(() => import('./pages/office/AuditPage'));
const SelfCheck = lazy(() => import('./pages/department/SelfCheckPage'));
const Settings = lazy(() => import('./pages/office/SettingsPage'));
const CaseFiles = lazy(() => import('./pages/CaseFilesPage'));
const Notifications = lazy(() => import('./pages/NotificationsPage'));
const SelfCheckReview = lazy(() => import('./pages/office/SelfCheckReviewPage'));
const Assessment = lazy(() => import('./pages/department/AssessmentPage'));
const Users = lazy(() => import('./pages/office/UsersPage'));
const AnnualReport = lazy(() => import('./pages/AnnualReportPage'));
const Reviews = lazy(() => import('./pages/reviews/ReviewsPage'));
const ReviewSheet = lazy(() => import('./pages/reviews/ReviewSheetPage'));
const Operations = lazy(() => import('./pages/OperationsPage'));

const OFFICE: Role[] = ['office_admin', 'office_staff'];
const DEPARTMENT: Role[] = ['department_user'];

/** Where each role lands after signing in. */
export function homeOf(role: Role): string {
  if (isOffice(role)) return '/office';
  if (role === 'department_user') return '/inbox';
  if (role === 'reviewer') return '/reviews';
  if (role === 'operator') return '/operations';
  return '/campaigns';
}

/** A notification's link to the office's 年度报告: the campaign page's tab. */
function CampaignAnnualReport() {
  const { id = '' } = useParams();
  return <Navigate to={`/campaigns/${id}?tab=annual-report`} replace />;
}

function Guard({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { session } = useAuth();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (roles && !roles.includes(session.role)) {
    return <Result status="403" title="无权访问" subTitle="您的账号没有此页面的权限。如需办理，请联系监督科。" />;
  }
  return <Suspense fallback={<Spin style={{ display: 'block', margin: 80 }} />}>{children}</Suspense>;
}

export function AppRoutes() {
  const { session } = useAuth();
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route element={<Guard><AppLayout /></Guard>}>
          <Route index element={session ? <Navigate to={homeOf(session.role)} replace /> : <Navigate to="/login" replace />} />
          <Route path="office" element={<Guard roles={OFFICE}><Dashboard /></Guard>} />
          <Route path="departments" element={<Guard roles={OFFICE}><Departments /></Guard>} />
          <Route path="campaigns" element={<Guard roles={[...OFFICE, 'operator']}><Campaigns /></Guard>} />
          <Route path="campaigns/new" element={<Guard roles={['office_admin']}><CampaignLaunch /></Guard>} />
          <Route path="campaigns/:id" element={<Guard roles={[...OFFICE, 'operator']}><CampaignDetail /></Guard>} />
          <Route path="campaigns/:id/annual-report" element={<Guard roles={OFFICE}><CampaignAnnualReport /></Guard>} />
          <Route path="annual-report" element={<Guard roles={DEPARTMENT}><AnnualReport /></Guard>} />
          <Route path="annual-report/:campaignId" element={<Guard roles={DEPARTMENT}><AnnualReport /></Guard>} />
          <Route path="inbox" element={<Guard roles={DEPARTMENT}><Inbox /></Guard>} />
          <Route path="self-checks/:campaignId" element={<Guard roles={DEPARTMENT}><SelfCheck /></Guard>} />
          <Route path="self-check-reviews/:id" element={<Guard roles={OFFICE}><SelfCheckReview /></Guard>} />
          <Route path="letters" element={<Guard roles={DEPARTMENT}><Letters /></Guard>} />
          <Route path="assessment" element={<Guard roles={DEPARTMENT}><Assessment /></Guard>} />
          <Route path="assessment/:campaignId" element={<Guard roles={DEPARTMENT}><Assessment /></Guard>} />
          <Route path="letters/:id" element={<Guard roles={[...OFFICE, ...DEPARTMENT]}><Letter /></Guard>} />
          <Route path="rectifications/:id" element={<Guard roles={[...OFFICE, ...DEPARTMENT]}><Rectification /></Guard>} />
          <Route path="calendar" element={<Guard roles={OFFICE}><Calendar /></Guard>} />
          <Route path="users" element={<Guard roles={['office_admin']}><Users /></Guard>} />
          <Route path="operations" element={<Guard roles={['operator']}><Operations /></Guard>} />
          <Route path="audit" element={<Guard roles={['office_admin', 'operator']}><Audit /></Guard>} />
          <Route path="tasks/:id" element={<Guard roles={[...OFFICE, ...DEPARTMENT]}><TaskDetail /></Guard>} />
          <Route path="settings" element={<Guard roles={OFFICE}><Settings /></Guard>} />
          <Route path="case-files" element={<Guard roles={[...OFFICE, ...DEPARTMENT]}><CaseFiles /></Guard>} />
          <Route path="reviews" element={<Guard roles={['reviewer']}><Reviews /></Guard>} />
          <Route path="reviews/:assignmentId" element={<Guard roles={['reviewer']}><ReviewSheet /></Guard>} />
          <Route path="notifications" element={<Guard><Notifications /></Guard>} />
          <Route path="*" element={<Result status="404" title="页面不存在" subTitle="请从左侧菜单进入。" />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
