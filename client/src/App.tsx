import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { canEdit, roleLabels, useLogout, useMe } from './api/auth';
import { ErrorMessage, Loading } from './components/ui';
import { ProfilePage } from './pages/Profile';
import { SearchPage } from './pages/Search';
import { SignInPage } from './pages/SignIn';
import { NotificationsBell } from './components/WorkedTogether';

const ExplorerPage = lazy(() => import('./pages/Explorer'));
const TeamPage = lazy(() => import('./pages/Team'));
const InsightsPage = lazy(() => import('./pages/Insights'));
const OnboardingPage = lazy(() => import('./pages/Onboarding'));
const AdminPage = lazy(() => import('./pages/admin/Admin'));
const EditPage = lazy(() => import('./pages/admin/Edit'));
const StalePage = lazy(() => import('./pages/admin/Stale'));
const ImportPage = lazy(() => import('./pages/admin/Import'));
const BenchGraphPage = lazy(() => import('./pages/BenchGraph'));
const IntroductionsPage = lazy(() => import('./pages/Introductions'));
const MailSettingsPage = lazy(() => import('./pages/MailSettings'));

function Header() {
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const user = me.data;
  // Choosing a page closes the phone menu.
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Link to="/" className="brand" aria-label="Knotwork home">
        <svg width="26" height="18" viewBox="0 0 26 18" aria-hidden="true">
          <circle cx="8" cy="9" r="6" fill="#155e75" />
          <circle cx="17" cy="9" r="6" fill="none" stroke="#155e75" strokeWidth="2.5" />
        </svg>
        Knotwork
      </Link>
      {user ? (
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">{menuOpen ? '✕' : '☰'}</span> Menu
        </button>
      ) : null}
      {user ? (
        <nav
          aria-label="Main"
          id="main-nav"
          className={menuOpen ? 'open' : undefined}
          onClick={(e) => {
            if ((e.target as HTMLElement).closest('a')) setMenuOpen(false);
          }}
        >
          <NavLink to="/" end>
            Search
          </NavLink>
          <NavLink to="/network">Network</NavLink>
          <NavLink to="/team">Team around the child</NavLink>
          <NavLink to="/onboarding">Onboarding</NavLink>
          <NavLink to="/introductions">Introductions</NavLink>
          {canEdit(user) ? <NavLink to="/insights">Insights</NavLink> : null}
          {canEdit(user) ? <NavLink to="/admin">Admin</NavLink> : null}
        </nav>
      ) : null}
      {user ? (
        <div className="user-box">
          {user.practitionerId ? <NotificationsBell /> : null}
          <span className="user-name" data-testid="user-name">
            {user.practitionerName ?? user.email}
          </span>
          <span className={`role role-${user.role}`} data-testid="user-role">
            {roleLabels[user.role]}
          </span>
          <button
            type="button"
            className="link-button"
            onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/sign-in') })}
          >
            Sign out
          </button>
        </div>
      ) : null}
    </header>
  );
}

/**
 * Moves focus to the main heading on navigation, so screen readers announce the new page. Lazy pages and pages
 * that load their record show their h1 a moment later: wait for it (ten seconds at most) rather than leave focus
 * on <body>.
 */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById('main');
    if (!main) return;
    const tryFocus = () => {
      const target = main.querySelector<HTMLElement>('[data-autofocus]') ?? main.querySelector<HTMLElement>('h1');
      if (!target) return false;
      if (target.tagName === 'H1') target.tabIndex = -1;
      target.focus({ preventScroll: false });
      return true;
    };
    if (tryFocus()) return;
    const observer = new MutationObserver(() => {
      if (tryFocus()) stop();
    });
    const timer = setTimeout(() => stop(), 10_000);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(main, { childList: true, subtree: true });
    return stop;
  }, [pathname]);
}

/**
 * document.title follows the main heading (WCAG 2.4.2): "Network around Priya Raman – Knotwork". Every page has an
 * h1, so reading it back keeps one source for what the page is called; the search page adds what was searched for.
 */
function usePageTitle() {
  const { search } = useLocation();
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    const update = () => {
      const h1 = main.querySelector('h1')?.textContent?.trim();
      const q = main.querySelector('.search-page') ? new URLSearchParams(window.location.search).get('q') : null;
      const name = q ? `“${q}” – Search` : h1;
      const title = !name ? 'Knotwork' : name.includes('Knotwork') ? name : `${name} – Knotwork`;
      if (document.title !== title) document.title = title;
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(main, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [search]);
}

function RequireUser({ children, coordinator }: { children: React.ReactNode; coordinator?: boolean }) {
  const me = useMe();
  const location = useLocation();
  if (me.isLoading) return <Loading what="Checking your session" />;
  if (me.isError) return <ErrorMessage error={me.error} title="Your session could not be checked" page />;
  if (!me.data)
    return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (coordinator && !canEdit(me.data)) {
    return (
      <div className="error" role="alert">
        <h1 className="error-title">Coordinators only</h1>
        <p>This page is for coordinators and administrators. Ask a coordinator if you need access.</p>
      </div>
    );
  }
  return <>{children}</>;
}

export function App() {
  useFocusOnNavigate();
  usePageTitle();
  const signedIn = (el: React.ReactNode, coordinator = false) => (
    <RequireUser coordinator={coordinator}>{el}</RequireUser>
  );
  return (
    <>
      <Header />
      <main id="main">
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="/" element={signedIn(<SearchPage />)} />
            <Route path="/:segment/:id" element={signedIn(<ProfilePage />)} />
            <Route path="/network" element={signedIn(<ExplorerPage />)} />
            <Route path="/team" element={signedIn(<TeamPage />)} />
            <Route path="/onboarding" element={signedIn(<OnboardingPage />)} />
            <Route path="/introductions" element={signedIn(<IntroductionsPage />)} />
            <Route path="/settings/mail" element={signedIn(<MailSettingsPage />)} />
            <Route path="/insights" element={signedIn(<InsightsPage />, true)} />
            <Route path="/admin" element={signedIn(<AdminPage />, true)} />
            <Route path="/admin/stale" element={signedIn(<StalePage />, true)} />
            <Route path="/admin/import" element={signedIn(<ImportPage />, true)} />
            <Route path="/edit/:segment/:id" element={signedIn(<EditPage />)} />
            <Route path="/new/:segment" element={signedIn(<EditPage />, true)} />
            <Route path="/bench/graph" element={<BenchGraphPage />} />
            <Route
              path="*"
              element={
                <div className="empty">
                  <h1>Page not found</h1>
                  <p>
                    <Link to="/">Go to search</Link>
                  </p>
                </div>
              }
            />
          </Routes>
        </Suspense>
      </main>
    </>
  );
}
