import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ComponentType } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { currentConsole, PAGES, type PageDef } from '../pages/registry';
import { SessionProvider, useSession } from './session';
import { Forbidden, NotFound, Shell } from './Shell';
import { ApiError } from '../api/client';

const SignIn = lazy(() => import('../pages/signin'));

/**
 * The page of the registry at a path for the signed-in role (a path may have one per role),
 * loaded when first opened.
 */
function Guarded({ pages }: { pages: { page: PageDef; Page: ComponentType }[] }) {
  const { me } = useSession();
  const mine = pages.find((p) => me && p.page.roles.includes(me.role));
  if (!mine) return <Forbidden />;
  return <mine.Page />;
}

function routes(): RouteObject[] {
  const pages = PAGES.filter((p) => p.console === currentConsole());
  const byPath = new Map<string, { page: PageDef; Page: ComponentType }[]>();
  for (const page of pages)
    // Made once: a lazy component made during render would suspend again on every retry.
    byPath.set(page.path, [...(byPath.get(page.path) ?? []), { page, Page: lazy(page.load) }]);
  return [
    {
      path: '/signin',
      element: (
        <Suspense>
          <SignIn />
        </Suspense>
      ),
    },
    {
      path: '/',
      element: <Shell pages={pages} />,
      children: [
        ...[...byPath].map(([path, group]) => {
          const element = <Guarded pages={group} />;
          return path === '' ? { index: true, element } : { path, element };
        }),
        { path: '*', element: <NotFound /> },
      ],
    },
  ];
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A refusal is an answer: only network failures and 5xx are tried again.
      retry: (count, error) =>
        count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

/**
 * antd's default greys for secondary text (45 % black) fall short of WCAG's 4.5:1 contrast;
 * 65 % black meets it on white and on the layout's grey. The same for antd's red (#ff4d4f, 3.3:1
 * on white), which danger buttons and field errors use: #cf1322 is 5.9:1. A primary button's
 * hover and pressed colours darken instead of antd's lighter blue (white on it was 3.9:1, and
 * the pointer stays on a button after it is clicked). Preset tags write their text in the
 * palette's 7th shade on its 1st (green and orange about 3.4:1): the Tag's own palette is
 * darkened to the 9th/10th shades, 4.5:1 or better on the same fill. This sits in the theme,
 * not in a stylesheet: antd's rule for a preset tag is more specific than a plain class, so a
 * stylesheet override loses whenever antd's styles are injected after it.
 */
const THEME = {
  token: {
    colorPrimary: '#1f5fbf',
    colorPrimaryHover: '#174a96',
    colorPrimaryActive: '#12397a',
    colorLink: '#1f5fbf',
    colorLinkHover: '#174a96',
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
  components: {
    Tag: {
      green7: '#135200',
      orange7: '#873800',
      gold7: '#613400',
      cyan7: '#00474f',
      lime7: '#254000',
      yellow7: '#614700',
      volcano7: '#871400',
    },
  },
};

const router = createBrowserRouter(routes(), { basename: '/console' });

function Localised() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localised />
      </I18nProvider>
    </QueryClientProvider>
  );
}
