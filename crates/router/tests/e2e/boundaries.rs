//! The system's outer boundaries: GraphQL on a subgraph answers only the
//! router, and the shape of an operation is limited before any work runs.

use serde_json::{Value, json};

use crate::support::{error_code, spawn_stack};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn subgraphs_answer_graphql_only_from_the_router() {
    let stack = spawn_stack().await;
    let client = platform::testing::test_client();
    let requests = [
        json!({ "query": "{ __typename }" }),
        json!({ "query": "{ _service { sdl } }" }),
        json!({
            "query": "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }",
            "variables": { "r": [{ "__typename": "User", "id": "00000000-0000-7000-8000-000000000001" }] }
        }),
    ];
    for (name, addr) in [
        ("user", stack.user_http),
        ("product", stack.product_http),
        ("order", stack.order_http),
        ("notification", stack.notification_http),
    ] {
        let url = format!("http://{addr}/graphql");
        for body in &requests {
            for secret in [None, Some("a-guess-that-is-long-enough-0123456789abcdef")] {
                let mut request = client.post(&url).json(body);
                if let Some(secret) = secret {
                    request = request.header(platform::guard::ROUTER_SECRET_HEADER, secret);
                }
                let response = request.send().await.unwrap();
                assert_eq!(response.status(), 403, "{name}: {body}");
                let answer: Value = response.json().await.unwrap();
                assert_eq!(error_code(&answer), Some("FORBIDDEN"), "{name}: {answer}");
            }
            // The router's secret opens it: the refusal above was about the
            // secret alone.
            let response = client
                .post(&url)
                .header(
                    platform::guard::ROUTER_SECRET_HEADER,
                    stack.router_secret.expose(),
                )
                .json(body)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200, "{name}: {body}");
            let answer: Value = response.json().await.unwrap();
            assert!(answer["errors"].is_null(), "{name}: {answer}");
        }
        let health = client
            .get(format!("http://{addr}/health"))
            .send()
            .await
            .unwrap();
        assert_eq!(health.status(), 200, "{name}: health stays open");
    }

    // Through the router the same kind of request works, across subgraphs.
    let through = stack
        .graphql(
            None,
            "{ __typename categories { id } products(first: 1) { totalCount } }",
            json!({}),
        )
        .await;
    assert!(through["errors"].is_null(), "{through}");
    assert_eq!(through["data"]["__typename"], "Query");
    stack.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_hundred_aliased_registrations_are_refused_before_any_hash() {
    let stack = spawn_stack().await;
    let fields: String = (0..300)
        .map(|i| {
            format!("r{i}: register(email: \"flood{i}@example.com\", password: \"flood-password\", name: \"Flood\") {{ id }} ")
        })
        .collect();
    let hashes_before = stack.user_accounts.password_hashes();
    let users_before = stack.scalar("SELECT count(*) FROM users.users").await;
    let answer = stack
        .graphql(None, &format!("mutation {{ {fields} }}"), json!({}))
        .await;
    assert_eq!(error_code(&answer), Some("BAD_USER_INPUT"), "{answer}");
    assert!(
        answer["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("at most 10 root fields"),
        "{answer}"
    );
    assert_eq!(
        stack.user_accounts.password_hashes(),
        hashes_before,
        "no password was hashed"
    );
    assert_eq!(
        stack.scalar("SELECT count(*) FROM users.users").await,
        users_before,
        "no account was created"
    );

    // A list's size counts: 100 products of 100 reviews of their authors'
    // orders is far past the complexity budget, though shallow.
    let costly = stack
        .graphql(
            None,
            "{ products(first: 100) { edges { node { reviews(first: 100) { edges { node { id rating body } } } } } } }",
            json!({}),
        )
        .await;
    assert!(
        costly["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("complex"),
        "{costly}"
    );
    // The same shape with small pages is fine.
    let modest = stack
        .graphql(
            None,
            "{ products(first: 5) { edges { node { reviews(first: 5) { edges { node { id rating body } } } } } } }",
            json!({}),
        )
        .await;
    assert!(modest["errors"].is_null(), "{modest}");
    stack.shutdown().await;
}

/// Calls `method` with an empty message over a channel presenting
/// `identity`'s certificate (or none), and says whether the allowlist
/// refused it (`Some(code)`) or let the method answer (`None`).
async fn guard_verdict(
    url: &str,
    peer: &str,
    identity: Option<&'static str>,
    method: &'static str,
) -> Option<tonic::Code> {
    let channel = platform::testing::grpc_channel(url, peer, identity);
    let mut grpc = tonic::client::Grpc::new(channel);
    grpc.ready().await.expect("the channel connects");
    let answer: Result<tonic::Response<()>, tonic::Status> = grpc
        .unary(
            tonic::Request::new(()),
            http::uri::PathAndQuery::from_static(method),
            tonic_prost::ProstCodec::<(), ()>::default(),
        )
        .await;
    match answer {
        Err(status)
            if status
                .metadata()
                .get("shop-guard")
                .is_some_and(|v| v == "refused") =>
        {
            Some(status.code())
        }
        _ => None,
    }
}

/// Every internal RPC, for every caller: generated from each service's
/// allowlist, checked against the real servers over mutual TLS.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_grpc_method_admits_exactly_the_callers_its_allowlist_names() {
    use platform::tls::Access;
    let stack = spawn_stack().await;
    let servers = [
        ("user", stack.user_grpc.clone(), user::grpc::server::ACCESS),
        (
            "product",
            stack.product_grpc.clone(),
            product::grpc::server::ACCESS,
        ),
        (
            "order",
            stack.order_grpc.clone(),
            order::grpc::server::ACCESS,
        ),
        (
            "notification",
            stack.notification_grpc.clone(),
            notification::grpc::server::ACCESS,
        ),
    ];
    let callers = [
        None,
        Some("user"),
        Some("product"),
        Some("order"),
        Some("notification"),
    ];
    let mut checked = 0;
    for (peer, url, table) in servers {
        for (method, access) in table {
            for caller in callers {
                let allowed = match access {
                    Access::Anyone => true,
                    Access::Services(names) | Access::ServicesOrBearer(names) => {
                        caller.is_some_and(|c| names.contains(&c))
                    }
                };
                let expected = match (allowed, caller) {
                    (true, _) => None,
                    (false, None) => Some(tonic::Code::Unauthenticated),
                    (false, Some(_)) => Some(tonic::Code::PermissionDenied),
                };
                let verdict = guard_verdict(&url, peer, caller, method).await;
                assert_eq!(verdict, expected, "{method} called by {caller:?}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 5 * (9 + 11 + 6 + 2), "every method, every caller");

    // The cases the design names, spelled out.
    let users = "/shop.user.v1.UserService/GetUsers";
    assert_eq!(
        guard_verdict(&stack.user_grpc, "user", Some("product"), users).await,
        Some(tonic::Code::PermissionDenied),
        "product may not list users"
    );
    assert_eq!(
        guard_verdict(&stack.user_grpc, "user", None, users).await,
        Some(tonic::Code::Unauthenticated),
        "no certificate, no user data"
    );
    let reserve = "/shop.product.v1.ProductService/ReserveStock";
    assert_eq!(
        guard_verdict(&stack.product_grpc, "product", Some("order"), reserve).await,
        None
    );
    assert_eq!(
        guard_verdict(&stack.product_grpc, "product", None, reserve).await,
        Some(tonic::Code::Unauthenticated),
        "an outsider cannot hold stock"
    );
    // A plaintext client gets nowhere: the port speaks TLS only.
    let plaintext = tonic::transport::Endpoint::from_shared(stack.product_grpc.clone())
        .unwrap()
        .connect_timeout(std::time::Duration::from_secs(2))
        .timeout(std::time::Duration::from_secs(2))
        .connect_lazy();
    let mut grpc = tonic::client::Grpc::new(plaintext);
    let answer: Result<tonic::Response<()>, tonic::Status> = async {
        grpc.ready()
            .await
            .map_err(|e| tonic::Status::unavailable(e.to_string()))?;
        grpc.unary(
            tonic::Request::new(()),
            http::uri::PathAndQuery::from_static("/shop.product.v1.ProductService/GetProduct"),
            tonic_prost::ProstCodec::<(), ()>::default(),
        )
        .await
    }
    .await;
    assert!(answer.is_err(), "plaintext gRPC answered");
    stack.shutdown().await;
}

/// Failed logins through the router are throttled whether or not the
/// client writes its own `X-Forwarded-For`: the header is not believed
/// (no trusted proxy is configured), so it cannot spread the failures over
/// made-up addresses.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixty_failed_logins_are_throttled_with_or_without_a_made_up_forwarded_header() {
    let stack = spawn_stack().await;
    let login = "mutation($e: String!) { login(email: $e, password: \"not-the-password\") { accessToken } }";
    for (case, random_header) in [("no header", false), ("a random header each", true)] {
        let email = format!("target-{}@example.com", uuid::Uuid::new_v4().simple());
        stack.register_and_login(&email, "the-real-password").await;
        let mut limited = 0;
        for i in 0..60 {
            let mut request = stack
                .client
                .post(&stack.router_url)
                .json(&json!({ "query": login, "variables": { "e": email } }));
            if random_header {
                request = request.header("x-forwarded-for", format!("198.51.100.{}", i % 250));
            }
            let answer: Value = request.send().await.unwrap().json().await.unwrap();
            match error_code(&answer) {
                Some("RATE_LIMITED") => {
                    assert!(
                        answer["errors"][0]["extensions"]["retryAfter"].is_string(),
                        "{answer}"
                    );
                    limited += 1;
                }
                Some("UNAUTHENTICATED") => {}
                other => panic!("{case}: unexpected {other:?}: {answer}"),
            }
        }
        assert!(limited >= 55, "{case}: only {limited} of 60 were limited");
    }
    stack.shutdown().await;
}

/// With no proxy in front, the router's front door takes the client's
/// address from the connection: failed logins spread over many accounts
/// from one address are throttled for that address (past 50), whatever
/// `X-Forwarded-For` it writes, while a client at another address is not.
/// From a configured trusted proxy, the address that proxy reports counts.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_client_address_is_the_connections_peer_or_a_trusted_proxys_report() {
    let stack = crate::support::spawn_stack_with(crate::support::StackOptions {
        trusted_proxies: Some("127.0.0.9".into()),
        ..Default::default()
    })
    .await;
    let from = |ip: [u8; 4]| {
        reqwest::Client::builder()
            .local_address(std::net::IpAddr::from(ip))
            .build()
            .unwrap()
    };
    let (attacker, bystander, proxy) = (
        from([127, 0, 0, 2]),
        from([127, 0, 0, 3]),
        from([127, 0, 0, 9]),
    );
    let bystander_email = format!("bystander-{}@example.com", uuid::Uuid::new_v4().simple());
    stack
        .register_and_login(&bystander_email, "bystander-password")
        .await;
    let login =
        "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }";
    let attempt =
        |client: &reqwest::Client, email: &str, password: &str, forwarded: Option<String>| {
            let mut request = client
                .post(&stack.router_url)
                .json(&json!({ "query": login, "variables": { "e": email, "p": password } }));
            if let Some(forwarded) = forwarded {
                request = request.header("x-forwarded-for", forwarded);
            }
            async move {
                let answer: Value = request.send().await.unwrap().json().await.unwrap();
                answer
            }
        };
    // 60 failures, each on another account and with another made-up
    // forwarded address: only the per-address count can stop them.
    let mut limited = Vec::new();
    for i in 0..60 {
        let email = format!("guess-{i}-{}@example.com", uuid::Uuid::new_v4().simple());
        let answer = attempt(
            &attacker,
            &email,
            "not-the-password",
            Some(format!("198.51.100.{i}")),
        )
        .await;
        match error_code(&answer) {
            Some("RATE_LIMITED") => limited.push(i),
            Some("UNAUTHENTICATED") => {}
            other => panic!("attempt {i}: unexpected {other:?}: {answer}"),
        }
    }
    assert!(
        limited.first().is_some_and(|first| *first >= 45) && limited.len() >= 5,
        "the address is throttled past its 50 free failures, and only then: limited {limited:?}"
    );
    // Another address is not affected, though it wrote the attacker's.
    let answer = attempt(
        &bystander,
        &bystander_email,
        "bystander-password",
        Some("127.0.0.2".into()),
    )
    .await;
    assert!(
        answer["data"]["login"]["accessToken"].is_string(),
        "{answer}"
    );
    let answer = attempt(&bystander, "nobody@example.com", "wrong-password", None).await;
    assert_eq!(error_code(&answer), Some("UNAUTHENTICATED"), "{answer}");
    // A trusted proxy's report counts: the attacker behind it is still
    // throttled, another client behind it is not.
    let answer = attempt(
        &proxy,
        "nobody@example.com",
        "wrong-password",
        Some("127.0.0.2".into()),
    )
    .await;
    assert_eq!(error_code(&answer), Some("RATE_LIMITED"), "{answer}");
    let answer = attempt(
        &proxy,
        "nobody@example.com",
        "wrong-password",
        Some("203.0.113.50".into()),
    )
    .await;
    assert_eq!(error_code(&answer), Some("UNAUTHENTICATED"), "{answer}");
    stack.shutdown().await;
}

/// A client over its own rate gets `RATE_LIMITED` with `retryAfter`; other
/// clients carry on.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_client_over_its_rate_is_limited_and_another_is_not() {
    let stack = crate::support::spawn_stack_with(crate::support::StackOptions {
        rate_limit: Some(10),
        ..Default::default()
    })
    .await;
    let (greedy, _) = stack
        .register_and_login(
            &format!("greedy-{}@example.com", uuid::Uuid::new_v4().simple()),
            "greedy-password",
        )
        .await;
    let (modest, _) = stack
        .register_and_login(
            &format!("modest-{}@example.com", uuid::Uuid::new_v4().simple()),
            "modest-password",
        )
        .await;
    let mut answers = Vec::new();
    for _ in 0..15 {
        answers.push(
            stack
                .graphql(Some(&greedy), "{ me { id } }", json!({}))
                .await,
        );
    }
    let limited: Vec<&Value> = answers
        .iter()
        .filter(|a| error_code(a) == Some("RATE_LIMITED"))
        .collect();
    assert!(
        (3..=15).contains(&limited.len()),
        "{} of 25 limited: {answers:?}",
        limited.len()
    );
    let retry: u64 = limited[0]["errors"][0]["extensions"]["retryAfter"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("retryAfter: {}", limited[0]));
    assert!((1..=60).contains(&retry), "{retry}");
    let other = stack
        .graphql(Some(&modest), "{ me { id } }", json!({}))
        .await;
    assert!(
        other["errors"].is_null(),
        "another client is unaffected: {other}"
    );
    stack.shutdown().await;
}
