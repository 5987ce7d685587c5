// Register, sign in, forgotten password, the reset link and the
// verification link (both links arrive by email).
import { useEffect, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { useClient, useMutation, type CombinedError } from "urql";
import { ErrorNote, login } from "@shop/shared";
import { RegisterDocument, RequestPasswordResetDocument, ResetPasswordDocument, VerifyEmailDocument } from "../operations";

type Mode = "login" | "register" | "forgot" | "reset" | "verify";

export default function Auth({ mode }: { mode: Mode }) {
  const client = useClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("next") ?? "/";
  const token = params.get("token") ?? "";
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<CombinedError>();
  const [done, setDone] = useState("");
  const [busy, setBusy] = useState(false);
  const [, register] = useMutation(RegisterDocument);
  const [, requestReset] = useMutation(RequestPasswordResetDocument);
  const [, reset] = useMutation(ResetPasswordDocument);
  const [verified, verify] = useMutation(VerifyEmailDocument);

  useEffect(() => {
    if (mode === "verify" && token) verify({ token });
  }, [mode, token, verify]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      if (mode === "register") {
        const r = await register({ name, email, password });
        if (r.error) return setError(r.error);
      }
      if (mode === "login" || mode === "register") {
        const r = await login(client, email, password);
        if (r.error) return setError(r.error);
        navigate(next);
      } else if (mode === "forgot") {
        const r = await requestReset({ email });
        if (r.error) return setError(r.error);
        setDone("If an account has this address, a reset link is on its way. It works once, for a limited time.");
      } else if (mode === "reset") {
        const r = await reset({ token, newPassword: password });
        if (r.error) return setError(r.error);
        setDone("Your password is changed, and every other session is signed out.");
      }
    } finally {
      setBusy(false);
    }
  }

  if (mode === "verify") {
    return (
      <section className="narrow">
        <h1>Verify your email</h1>
        {verified.data ? <p className="note">Thank you: your email address is verified.</p> : null}
        <ErrorNote error={verified.error} />
        {!token ? <p className="error">This link has no token; open the link from the email again.</p> : null}
      </section>
    );
  }

  const titles: Record<Exclude<Mode, "verify">, string> = {
    login: "Sign in",
    register: "Create an account",
    forgot: "Forgot your password?",
    reset: "Choose a new password",
  };
  return (
    <section className="narrow">
      <h1>{titles[mode]}</h1>
      {done ? (
        <p className="note" role="status">
          {done} {mode === "reset" ? <Link to="/login">Sign in</Link> : null}
        </p>
      ) : (
        <form onSubmit={submit} className="stack">
          {mode === "register" ? (
            <label>
              Name <input autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
            </label>
          ) : null}
          {mode !== "reset" ? (
            <label>
              Email <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
            </label>
          ) : null}
          {mode !== "forgot" ? (
            <label>
              {mode === "reset" ? "New password" : "Password"}{" "}
              <input
                type="password"
                autoComplete={mode === "login" ? "current-password" : "new-password"}
                required
                minLength={mode === "login" ? undefined : 8}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
          ) : null}
          <ErrorNote error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {titles[mode]}
          </button>
          {mode === "login" ? (
            <p>
              <Link to="/forgot-password">Forgot your password?</Link> · <Link to={`/register?next=${encodeURIComponent(next)}`}>Create an account</Link>
            </p>
          ) : null}
        </form>
      )}
    </section>
  );
}
