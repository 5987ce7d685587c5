//! Secrets stay out of logs and traces: after a flow through the router
//! that handles a password, access and refresh tokens, a reset token and a
//! verification token, none of them appears in any line the services
//! logged, nor in any attribute of any span they exported.

use std::time::Duration;

use serde_json::json;

use crate::support::{StackOptions, all_spans, log_capture, spawn_stack_with};

const LOGIN: &str = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_password_token_or_link_appears_in_any_log_line_or_span() {
    let stack = spawn_stack_with(StackOptions {
        production_logs: true,
        trace_router: true,
        ..Default::default()
    })
    .await;
    let email = format!("secret-{}@example.com", uuid::Uuid::new_v4().simple());
    let password = format!("pw-{}", uuid::Uuid::new_v4().simple());
    let registered = stack
        .graphql(
            None,
            "mutation($e: String!, $p: String!) { register(email: $e, password: $p, name: \"Sam\") { id } }",
            json!({ "e": email, "p": password }),
        )
        .await;
    assert!(
        registered["data"]["register"]["id"].is_string(),
        "{registered}"
    );
    // A failed login logs its attempt, never the password tried.
    let wrong = format!("wrong-{}", uuid::Uuid::new_v4().simple());
    stack
        .graphql(None, LOGIN, json!({ "e": email, "p": wrong }))
        .await;
    let login = stack
        .graphql(None, LOGIN, json!({ "e": email, "p": password }))
        .await;
    let access = login["data"]["login"]["accessToken"]
        .as_str()
        .unwrap()
        .to_string();
    let refresh = login["data"]["login"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_string();
    let refreshed = stack
        .graphql(
            None,
            "mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken } }",
            json!({ "r": refresh }),
        )
        .await;
    let refreshed_access = refreshed["data"]["refreshSession"]["accessToken"]
        .as_str()
        .unwrap_or_else(|| panic!("{refreshed}"))
        .to_string();
    let refreshed_refresh = refreshed["data"]["refreshSession"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_string();
    stack
        .graphql(
            Some(&refreshed_access),
            "{ me { id email orders(first: 5) { nodes { id } } } }",
            json!({}),
        )
        .await;

    // The verification link and a reset link, as the mails carry them.
    let verification = stack
        .mailed_links("https://shop.test/verify-email?token=", Some(&email))
        .await
        .pop()
        .expect("a verification link");
    stack.verify_email(&email).await;
    stack
        .graphql(
            None,
            "mutation($e: String!) { requestPasswordReset(email: $e) }",
            json!({ "e": email }),
        )
        .await;
    let mut reset = None;
    for _ in 0..50 {
        reset = stack
            .mailed_links("https://shop.test/reset?token=", Some(&email))
            .await
            .pop();
        if reset.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let reset = reset.expect("a reset link");
    let reset_token = reset.split("token=").nth(1).unwrap().to_string();
    let new_password = format!("new-{}", uuid::Uuid::new_v4().simple());
    let done = stack
        .graphql(
            None,
            "mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }",
            json!({ "t": reset_token, "p": new_password }),
        )
        .await;
    assert_eq!(done["data"]["resetPassword"], true, "{done}");

    let secrets = [
        ("the password", password.as_str()),
        ("the wrong password", wrong.as_str()),
        ("the new password", new_password.as_str()),
        ("the access token", access.as_str()),
        ("the refreshed access token", refreshed_access.as_str()),
        ("the refresh token", refresh.as_str()),
        ("the new refresh token", refreshed_refresh.as_str()),
        ("the reset token", reset_token.as_str()),
        (
            "the verification token",
            verification.split("token=").nth(1).unwrap(),
        ),
    ];
    // Spans are exported in batches; give the last ones time to arrive.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let logs = log_capture().text();
    assert!(!logs.is_empty(), "the services' lines were captured");
    let spans = all_spans();
    assert!(!spans.is_empty(), "spans were exported");
    for (what, secret) in secrets {
        assert!(secret.len() >= 16, "{what} is long enough to find");
        if let Some(line) = logs.lines().find(|l| l.contains(secret)) {
            panic!("{what} is in a log line: {line}");
        }
        for span in &spans {
            let text = format!("{:?}", span.span);
            assert!(
                !text.contains(secret),
                "{what} is in the span {} of {}",
                span.span.name,
                span.service()
            );
        }
    }
    stack.shutdown().await;
}
