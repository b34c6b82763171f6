import { Button, Layout, Menu, Space, Spin } from 'antd';
import type { MenuProps } from 'antd';
import { Component, Suspense, type ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { currentConsole, type PageDef } from '../pages/registry';
import { useSession } from './session';

const { Header, Sider, Content } = Layout;

/** Navigation items of the pages a role may open, grouped as the registry says. */
function menuItems(pages: PageDef[], t: (k: MessageKey) => string): MenuProps['items'] {
  const items: NonNullable<MenuProps['items']> = [];
  const groups = new Map<
    MessageKey,
    { key: string; label: string; children: { key: string; label: string }[] }
  >();
  for (const p of pages) {
    if (!p.nav) continue;
    const item = { key: `/${p.path}`, label: t(p.nav.label) };
    if (!p.nav.group) {
      items.push(item);
      continue;
    }
    let g = groups.get(p.nav.group);
    if (!g) {
      g = { key: p.nav.group, label: t(p.nav.group), children: [] };
      groups.set(p.nav.group, g);
      items.push({ type: 'group', ...g });
    }
    g.children.push(item);
  }
  return items;
}

/** Shows a page's failure (a chunk that did not load, a render error) in place of the page. */
class PageBoundary extends Component<
  { children: ReactNode; title: string; retry: string },
  { error?: Error }
> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Notice title={this.props.title} detail={this.state.error.message}>
        <Button onClick={() => location.reload()}>{this.props.retry}</Button>
      </Notice>
    );
  }
}

/** The signed-in frame: header, navigation by role, and the page. */
export function Shell({ pages }: { pages: PageDef[] }) {
  const { me, loading, signOut } = useSession();
  const { t, lang, setLang } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  if (loading) return <Loading label={t('common.loading')} />;
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={`/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  const mine = pages.filter((p) => p.roles.includes(me.role));
  const selected = `/${location.pathname.split('/').filter(Boolean)[0] ?? ''}`;
  const labs = currentConsole() === 'labs';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <Header className="console-header" role="banner">
        <span className="console-title">
          {t('app.title')}
          <span className="console-subtitle">
            {' '}
            ·{' '}
            {t(
              labs
                ? 'app.labsSubtitle'
                : me.role === 'enterprise'
                  ? 'app.enterpriseSubtitle'
                  : 'app.subtitle',
            )}
          </span>
        </span>
        <div style={{ flex: 1 }} />
        <Space>
          <Button
            type="text"
            style={{ color: '#fff' }}
            onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
            aria-label={t('lang.label')}
            lang={lang === 'zh' ? 'en' : 'zh-CN'}
          >
            {t('lang.switch')}
          </Button>
          <span className="console-user">
            {me.displayName ?? me.sub} · {t(`role.${me.role}` as MessageKey)}
            {me.jurisdiction ? ` · ${me.jurisdiction}` : ''}
          </span>
          <Button
            type="text"
            style={{ color: '#fff' }}
            onClick={async () => {
              await signOut();
              navigate('/signin', { replace: true });
            }}
          >
            {t('user.signOut')}
          </Button>
        </Space>
      </Header>
      <Layout>
        <Sider
          width={208}
          theme="light"
          breakpoint="lg"
          defaultCollapsed={narrowScreen()}
          collapsedWidth={0}
          zeroWidthTriggerStyle={{ top: 8 }}
        >
          <nav aria-label={t('app.title')}>
            <Menu
              mode="inline"
              selectedKeys={[selected]}
              items={menuItems(mine, t)}
              onClick={(e) => navigate(e.key)}
              style={{ borderInlineEnd: 0 }}
            />
          </nav>
        </Sider>
        <Content id="main" tabIndex={-1} className="console-content">
          <main>
            <PageBoundary
              key={location.pathname}
              title={t('error.pageFailed')}
              retry={t('action.retry')}
            >
              <Suspense fallback={<Spin style={{ display: 'block', marginTop: 96 }} />}>
                <Outlet />
              </Suspense>
            </PageBoundary>
          </main>
        </Content>
      </Layout>
    </Layout>
  );
}

/**
 * Whether the screen is narrower than the menu's breakpoint (antd's `lg`, as its Sider asks).
 * The Sider learns it in an effect, after its first frame: starting from it, a phone never shows
 * a frame with the menu open, 208 px wide beside the page, which scrolled the page sideways.
 */
const narrowScreen = () =>
  typeof window !== 'undefined' && window.matchMedia('screen and (max-width: 991.98px)').matches;

/**
 * Shown while the session is asked for: plain markup and a stylesheet rule, not antd's Spin,
 * whose styles would be generated at run time on the first load only to be thrown away.
 */
function Loading({ label }: { label: string }) {
  return (
    <div className="console-loading" role="status" aria-label={label}>
      <span className="console-loading-dot" />
    </div>
  );
}

/** A message in place of a page (no antd Result: its pictures weigh on every first load). */
function Notice({
  title,
  detail,
  children,
}: {
  title: string;
  detail?: string;
  children?: ReactNode;
}) {
  return (
    <div role="status" style={{ textAlign: 'center', padding: '64px 16px' }}>
      <h2 style={{ fontSize: 20 }}>{title}</h2>
      {detail && <p style={{ color: 'rgba(0,0,0,0.65)' }}>{detail}</p>}
      {children}
    </div>
  );
}

/** A page the signed-in role may not open. */
export function Forbidden() {
  const { t } = useI18n();
  return <Notice title={`403 · ${t('error.forbiddenPage')}`} />;
}

export function NotFound() {
  const { t } = useI18n();
  return <Notice title={`404 · ${t('error.notFoundPage')}`} />;
}
