import { lazy, Suspense, useEffect, useRef } from 'react';
import { Link, Navigate, NavLink, Route, Routes, useLocation, useNavigate } from 'react-router';
import { canEdit, roleLabels, useLogout, useMe } from './api/auth';
import { ErrorMessage, Loading } from './components/ui';
import { ProfilePage } from './pages/Profile';
import { SearchPage } from './pages/Search';
import { SignInPage } from './pages/SignIn';
import { IntroductionsBell } from './pages/Introductions';

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

function Header() {
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const user = me.data;
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
        <nav aria-label="Main">
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
          {user.practitionerId ? <IntroductionsBell /> : null}
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

/** Moves focus to the main heading on navigation, so screen readers announce the new page. */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const auto = document.querySelector<HTMLElement>('main [data-autofocus]');
    if (auto) return auto.focus();
    const h1 = document.querySelector<HTMLElement>('main h1');
    if (h1) {
      h1.tabIndex = -1;
      h1.focus({ preventScroll: false });
    }
  }, [pathname]);
}

function RequireUser({ children, coordinator }: { children: React.ReactNode; coordinator?: boolean }) {
  const me = useMe();
  const location = useLocation();
  if (me.isLoading) return <Loading what="Checking your session" />;
  if (me.isError) return <ErrorMessage error={me.error} />;
  if (!me.data) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (coordinator && !canEdit(me.data)) {
    return (
      <div className="error" role="alert">
        <strong>Coordinators only</strong>
        <p>This page is for coordinators and administrators. Ask a coordinator if you need access.</p>
      </div>
    );
  }
  return <>{children}</>;
}

export function App() {
  useFocusOnNavigate();
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
