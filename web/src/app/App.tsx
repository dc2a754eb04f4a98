import { useEffect } from 'preact/hooks';
import { AuditLogPage } from '../audit/AuditLogPage.tsx';
import { StreamPage } from '../audit/StreamPage.tsx';
import { StreamsPage } from '../audit/StreamsPage.tsx';
import { AdminEntry } from '../admin/AdminEntry.tsx';
import { CallOverlay } from '../calls/CallOverlay.tsx';
import { CallsPage } from '../calls/CallsPage.tsx';
import { ConnectionsPage } from '../connections/ConnectionsPage.tsx';
import { ConversationPage } from '../conversations/ConversationPage.tsx';
import { ConversationsPage } from '../conversations/ConversationsPage.tsx';
import { EmailReminder } from '../identity/EmailReminder.tsx';
import { ForgotPasswordPage } from '../identity/ForgotPasswordPage.tsx';
import { ResetPasswordPage } from '../identity/ResetPasswordPage.tsx';
import { session } from '../identity/session.model.ts';
import { SignInPage } from '../identity/SignInPage.tsx';
import { SuspendedPage } from '../identity/SuspendedPage.tsx';
import { VerifyEmailPage } from '../identity/VerifyEmailPage.tsx';
import { SignedOutOnly } from '../identity/SignedOutOnly.tsx';
import { SignUpPage } from '../identity/SignUpPage.tsx';
import { GroupPage } from '../groups/GroupPage.tsx';
import { GroupSettingsPage } from '../groups/GroupSettingsPage.tsx';
import { GroupsPage } from '../groups/GroupsPage.tsx';
import { Link } from '../lib/Link.tsx';
import { paths, route, type Route } from '../lib/router.ts';
import { MatchesPage } from '../matching/MatchesPage.tsx';
import { MentorsPage } from '../mentors/MentorsPage.tsx';
import { MyProfilePage } from '../profile/MyProfilePage.tsx';
import { PublicProfilePage } from '../profile/PublicProfilePage.tsx';
import { ProgressPage } from '../progress/ProgressPage.tsx';
import { ProjectionsConsolePage } from '../projections-console/ProjectionsConsolePage.tsx';
import { EditSessionPage, HostSessionPage } from '../sessions/HostSessionPage.tsx';
import { MySessionsPage } from '../sessions/MySessionsPage.tsx';
import { SessionPage } from '../sessions/SessionPage.tsx';
import { SessionsPage } from '../sessions/SessionsPage.tsx';
import { SettingsPage } from '../settings/SettingsPage.tsx';
import { Notices } from '../ui/Notices.tsx';
import { WallPage } from '../wall/WallPage.tsx';
import { HelpPage } from '../support/HelpPage.tsx';
import { TicketPage } from '../support/TicketPage.tsx';
import { Header } from './Header.tsx';
import { HomePage } from './HomePage.tsx';
import { LeaveDialog } from './LeaveDialog.tsx';

const titles: Record<Route['name'], string> = {
  home: 'SkillSwap',
  signUp: 'Sign up · SkillSwap',
  signIn: 'Sign in · SkillSwap',
  myProfile: 'My profile · SkillSwap',
  matches: 'Matches · SkillSwap',
  user: 'Profile · SkillSwap',
  connections: 'Connections · SkillSwap',
  wall: 'Wall · SkillSwap',
  groups: 'Groups · SkillSwap',
  group: 'Group · SkillSwap',
  groupSettings: 'Group settings · SkillSwap',
  conversations: 'Messages · SkillSwap',
  conversation: 'Chat · SkillSwap',
  sessions: 'Sessions · SkillSwap',
  newSession: 'Host a session · SkillSwap',
  mySessions: 'My sessions · SkillSwap',
  session: 'Session · SkillSwap',
  editSession: 'Edit session · SkillSwap',
  mentors: 'Mentors · SkillSwap',
  progress: 'My progress · SkillSwap',
  forgotPassword: 'Forgot password · SkillSwap',
  resetPassword: 'New password · SkillSwap',
  verifyEmail: 'Verify email · SkillSwap',
  help: 'Help · SkillSwap',
  helpTicket: 'Support request · SkillSwap',
  calls: 'Calls · SkillSwap',
  auditStreams: 'Audit: streams · SkillSwap',
  auditStream: 'Audit: stream · SkillSwap',
  auditLog: 'Audit: log search · SkillSwap',
  projectionsConsole: 'Projections · SkillSwap',
  settings: 'Settings · SkillSwap',
  admin: 'Admin · SkillSwap',
  notFound: 'Not found · SkillSwap',
};

export function App() {
  const current = route.value;
  useEffect(() => {
    document.title = titles[current.name];
  }, [current.name]);

  return (
    <div class="flex min-h-dvh flex-col">
      <a
        href="#main"
        class="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2"
      >
        Skip to content
      </a>
      <Header />
      <EmailReminder />
      <main id="main" class="mx-auto w-full max-w-4xl flex-1 px-4 py-6">
        {session.user.value?.status === 'suspended' ? (
          <SuspendedPage me={session.user.value} />
        ) : (
          <Page route={current} />
        )}
      </main>
      <Notices />
      <LeaveDialog />
      <CallOverlay />
    </div>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'signUp':
      return (
        <SignedOutOnly>
          <SignUpPage />
        </SignedOutOnly>
      );
    case 'signIn':
      return (
        <SignedOutOnly>
          <SignInPage />
        </SignedOutOnly>
      );
    case 'myProfile':
      return <MyProfilePage />;
    case 'matches':
      return <MatchesPage />;
    case 'user':
      return <PublicProfilePage key={route.id} userId={route.id} />;
    case 'connections':
      return <ConnectionsPage />;
    case 'wall':
      return <WallPage />;
    case 'groups':
      return <GroupsPage />;
    case 'group':
      return <GroupPage key={route.id} groupId={route.id} />;
    case 'groupSettings':
      return <GroupSettingsPage key={route.id} groupId={route.id} />;
    case 'conversations':
      return <ConversationsPage />;
    case 'conversation':
      return <ConversationPage key={route.userId} userId={route.userId} />;
    case 'sessions':
      return <SessionsPage />;
    case 'newSession':
      return <HostSessionPage />;
    case 'mySessions':
      return <MySessionsPage />;
    case 'session':
      return <SessionPage key={route.id} sessionId={route.id} />;
    case 'editSession':
      return <EditSessionPage key={route.id} sessionId={route.id} />;
    case 'mentors':
      return <MentorsPage />;
    case 'progress':
      return <ProgressPage />;
    case 'forgotPassword':
      return (
        <SignedOutOnly>
          <ForgotPasswordPage />
        </SignedOutOnly>
      );
    case 'resetPassword':
      return <ResetPasswordPage />;
    case 'verifyEmail':
      return <VerifyEmailPage />;
    case 'help':
      return <HelpPage />;
    case 'helpTicket':
      return <TicketPage key={route.id} ticketId={route.id} />;
    case 'calls':
      return <CallsPage />;
    case 'auditStreams':
      return <StreamsPage />;
    case 'auditStream':
      return <StreamPage key={route.stream} stream={route.stream} />;
    case 'auditLog':
      return <AuditLogPage />;
    case 'projectionsConsole':
      return <ProjectionsConsolePage />;
    case 'settings':
      return <SettingsPage />;
    case 'admin':
      return <AdminEntry section={route.section} id={route.id} />;
    case 'notFound':
      return (
        <section class="space-y-2">
          <h1 class="text-2xl font-semibold">Page not found</h1>
          <Link href={paths.home} class="text-indigo-700 underline">
            Go to the start page
          </Link>
        </section>
      );
    default: {
      const _never: never = route;
      return _never;
    }
  }
}
