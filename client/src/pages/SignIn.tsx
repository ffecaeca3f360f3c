import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { sessionHasEnded, useLogin, useMe } from '../api/auth';
import { ApiError } from '../api/http';
import { ErrorMessage } from '../components/ui';

export function SignInPage() {
  const me = useMe();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = params.get('next');
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';

  if (me.data) return <Navigate to={target} replace />;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email, password }, { onSuccess: () => navigate(target, { replace: true }) });
  };
  const fieldErrors = login.error instanceof ApiError ? login.error.fieldErrors : {};

  return (
    <div className="sign-in">
      <h1>Sign in to Knotwork</h1>
      {sessionHasEnded() ? (
        <p className="warning" role="status">
          Your session has ended, so you have been signed out. Sign in again to carry on where you were.
        </p>
      ) : (
        <p className="muted">Find who can help with a child’s needs, and how to reach them.</p>
      )}
      <form onSubmit={onSubmit} noValidate className="card form">
        <label htmlFor="email">Work email</label>
        <input
          id="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          aria-invalid={Boolean(fieldErrors.email)}
          aria-describedby={fieldErrors.email ? 'email-error' : undefined}
        />
        {fieldErrors.email ? (
          <p id="email-error" className="field-error">
            Email {fieldErrors.email}
          </p>
        ) : null}
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          aria-invalid={Boolean(fieldErrors.password)}
        />
        {login.isError && !Object.keys(fieldErrors).length ? (
          <ErrorMessage error={login.error} title="Could not sign you in" />
        ) : null}
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
