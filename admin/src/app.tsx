import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getSession, onSessionChange, signOut, type Session } from './api/session';
import { AgentEditorPage } from './pages/agent-editor';
import { AgentsPage } from './pages/agents';
import { SignIn, SignUp } from './pages/auth';
import { ApiKeysPage, AuditPage, UsersPage } from './pages/access';
import { PlanPage } from './pages/plan';
import { ProfilePage } from './pages/profile';
import { WebhooksPage } from './pages/webhooks';
import { CampaignPage } from './pages/campaign-detail';
import { CampaignsPage } from './pages/campaigns';
import { ChatPage } from './pages/chat';
import { ConversationPage, ConversationsPage, LiveCallsPage } from './pages/conversations';
import { KnowledgePage } from './pages/knowledge';
import { GapsPage } from './pages/gaps';
import { InsightsPage } from './pages/insights';
import { SecurityPage } from './pages/security';
import { HealthPage, ModelsPage, OverviewPage } from './pages/system';
import { Link, match, navigate, usePath } from './router';
import { LiveRegion } from './ui/live';
import { Page } from './ui/page';

const nav: { group: string; links: [string, string][] }[] = [
  {
    group: 'Agents',
    links: [
      ['/', 'Overview'],
      ['/agents', 'Agents'],
      ['/knowledge', 'Knowledge'],
      ['/chat', 'Chat'],
      ['/conversations', 'Conversations'],
      ['/calls', 'Live calls'],
      ['/campaigns', 'Campaigns'],
      ['/insights', 'Insights'],
      ['/gaps', 'Gaps'],
    ],
  },
  {
    group: 'Business',
    links: [
      ['/profile', 'Profile'],
      ['/plan', 'Plan & usage'],
      ['/webhooks', 'Webhooks'],
      ['/api-keys', 'API keys'],
      ['/users', 'Users'],
      ['/audit', 'Audit log'],
      ['/security', 'Security'],
    ],
  },
  {
    group: 'System',
    links: [
      ['/models', 'Models'],
      ['/health', 'Health'],
    ],
  },
];

function route(path: string): JSX.Element {
  let m: Record<string, string> | null;
  if (path === '/' || path === '') return <OverviewPage />;
  if (match('/agents', path)) return <AgentsPage />;
  if ((m = match('/agents/:id', path))) return <AgentEditorPage key={m.id} id={m.id!} />;
  if (match('/knowledge', path)) return <KnowledgePage />;
  if (match('/chat', path)) return <ChatPage />;
  if ((m = match('/chat/:id', path))) return <ChatPage agentId={m.id} />;
  if (match('/conversations', path)) return <ConversationsPage />;
  if ((m = match('/conversations/:id', path))) return <ConversationPage key={m.id} id={m.id!} />;
  if (match('/calls', path)) return <LiveCallsPage />;
  if (match('/campaigns', path)) return <CampaignsPage />;
  if ((m = match('/campaigns/:id', path))) return <CampaignPage key={m.id} id={m.id!} />;
  if (match('/insights', path)) return <InsightsPage />;
  if (match('/gaps', path)) return <GapsPage />;
  if (match('/profile', path)) return <ProfilePage />;
  if (match('/plan', path)) return <PlanPage />;
  if (match('/webhooks', path)) return <WebhooksPage />;
  if (match('/api-keys', path)) return <ApiKeysPage />;
  if (match('/users', path)) return <UsersPage />;
  if (match('/audit', path)) return <AuditPage />;
  if (match('/security', path)) return <SecurityPage />;
  if (match('/models', path)) return <ModelsPage />;
  if (match('/health', path)) return <HealthPage />;
  return (
    <Page title="Page not found">
      <p>
        There is no page here. <Link href="/">Go to the overview</Link>.
      </p>
    </Page>
  );
}

const isCurrent = (href: string, path: string): boolean =>
  href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);

export function App(): JSX.Element {
  const path = usePath();
  const [session, setSession] = useState<Session | null>(getSession());
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [returnTo, setReturnTo] = useState('/');
  useEffect(
    () =>
      onSessionChange((s, reason) => {
        setSession(s);
        if (!s) {
          setNotice(
            reason === 'expired' ? 'Your session has expired. Please sign in again.' : 'You are signed out.',
          );
          setReturnTo(reason === 'expired' ? path : '/');
          navigate('/signin', { replace: true });
        } else setNotice(undefined);
      }),
    [path],
  );

  useEffect(() => {
    if (session && (path === '/signin' || path === '/signup')) navigate('/', { replace: true });
  }, [session, path]);
  if (!session) {
    return (
      <>
        <a class="skip" href="#main">
          Skip to content
        </a>
        {path === '/signup' ? (
          <SignUp />
        ) : (
          <SignIn notice={notice} next={path === '/signin' ? returnTo : path} />
        )}
        <LiveRegion />
      </>
    );
  }

  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <span class="brand">Voice Appliance</span>
        <span class="who">{session.email ?? 'Signed in'}</span>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <nav class="sidebar" aria-label="Main">
        {nav.map((g) => (
          <div key={g.group} class="nav-group">
            <h2>{g.group}</h2>
            <ul>
              {g.links.map(([href, label]) => (
                <li key={href}>
                  <Link href={href} aria-current={isCurrent(href, path) ? 'page' : undefined}>
                    {label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" class="content">
        {route(path)}
      </main>
      <LiveRegion />
    </div>
  );
}
