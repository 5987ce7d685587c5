//! The notification service with the real user service, PostgreSQL,
//! RabbitMQ and SMTP servers: deliveries, bounces, SMS, gRPC and poison
//! messages. The flows through the router are in `crates/router/tests/e2e`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use lapin::options::{BasicGetOptions, BasicPublishOptions};
use platform::db::{NOTIFICATION_DB, USER_DB};
use platform::events::contract::{NOTIFICATION_GROUP, OrderShipped};
use platform::events::{BrokerConfig, Envelope, Event};
use platform::server::Listeners;
use platform::testing::{SmtpServer, TestApp, TestDatabase};
use proto::notification::notification_service_client::NotificationServiceClient;
use proto::notification::{CountUnreadRequest, ListDeliveriesRequest};
use serde_json::json;
use uuid::Uuid;

/// The user and notification services on one fresh database and one broker
/// namespace. Dropping it stops both and drops the database.
struct App {
    /// How the notification service was configured, to start a replica.
    config: notification::Config,
    notification: TestApp,
    user: TestApp,
    broker: BrokerConfig,
    sms_dir: PathBuf,
    database: TestDatabase,
}

impl App {
    /// `smtp_url`: where email goes (`None`: `.eml` files).
    async fn start(smtp_url: Option<String>) -> Self {
        let database = TestDatabase::create().await.expect("database");
        let broker = BrokerConfig::for_test();
        let user_listeners = Listeners::local().await.expect("user ports");
        let mut user_config = user::Config::for_test(database.service_options(&USER_DB));
        user_config.events = Some(broker.clone());
        let user_grpc = format!("http://{}", user_listeners.grpc_addr());
        let user = user::Application::build_on(user_config, user_listeners)
            .await
            .expect("user service");
        let mut config = notification::Config::for_test(database.service_options(&NOTIFICATION_DB));
        config.user_grpc_url = user_grpc;
        config.events = Some(broker.clone());
        if let Some(url) = smtp_url {
            config.mail = notification::config::MailTransport::Smtp(url);
        }
        let sms_dir = config.sms_dir.clone();
        let config_copy = config.clone();
        let notification =
            notification::Application::build_on(config, Listeners::local().await.expect("ports"))
                .await
                .expect("notification service");
        Self {
            config: config_copy,
            user: TestApp::start(user),
            notification: TestApp::start(notification),
            broker,
            sms_dir,
            database,
        }
    }

    /// Registers an account (by email, or phone) and logs in: (token, user id).
    async fn account(&self, email: Option<&str>, phone: Option<&str>) -> (String, Uuid) {
        let registered = self
            .user
            .graphql(None, "mutation($e: String, $p: String) { register(email: $e, phone: $p, password: \"a good password\", name: \"Ada\") { id } }", json!({ "e": email, "p": phone }))
            .await;
        let id = registered["data"]["register"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{registered}"))
            .parse()
            .unwrap();
        let login = self
            .user
            .graphql(None, "mutation($e: String, $p: String) { login(email: $e, phone: $p, password: \"a good password\") { accessToken } }", json!({ "e": email, "p": if email.is_some() { None } else { phone } }))
            .await;
        let token = login["data"]["login"]["accessToken"]
            .as_str()
            .unwrap_or_else(|| panic!("{login}"))
            .to_string();
        (token, id)
    }

    async fn publish(&self, routing_key: &str, body: &[u8]) {
        let (_connection, channel) = self.broker.open().await.expect("broker");
        let confirm = channel
            .basic_publish(
                self.broker.exchange.as_str().into(),
                routing_key.into(),
                BasicPublishOptions::default(),
                body,
                Default::default(),
            )
            .await
            .expect("publish")
            .await
            .expect("confirm");
        assert!(confirm.is_ack());
    }

    async fn ship(&self, user_id: Uuid, tracking: &str) {
        let event = Envelope::new(
            Event::OrderShipped(OrderShipped {
                order_id: Uuid::now_v7(),
                user_id,
                carrier: "DHL".into(),
                tracking_number: tracking.into(),
            }),
            platform::events::current_traceparent(),
        );
        self.publish("order.shipped", &serde_json::to_vec(&event).unwrap())
            .await;
    }

    async fn scalar(&self, query: &str) -> i64 {
        let admin = self.database.admin_pool().await.unwrap();
        let value: i64 = sqlx::query_scalar(query).fetch_one(&admin).await.unwrap();
        admin.close().await;
        value
    }

    /// Waits (up to 15 s) until `query` counts at least `n`.
    async fn wait_for_count(&self, query: &str, n: i64) -> i64 {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let count = self.scalar(query).await;
            if count >= n || Instant::now() > deadline {
                return count;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn grpc(&self) -> NotificationServiceClient<tonic::transport::Channel> {
        NotificationServiceClient::new(platform::testing::grpc_channel(
            &self.notification.grpc_url(),
            "notification",
            None,
        ))
    }
}

fn authorized<T>(message: T, token: &str) -> tonic::Request<T> {
    let mut request = tonic::Request::new(message);
    request
        .metadata_mut()
        .insert("authorization", format!("Bearer {token}").parse().unwrap());
    request
}

#[tokio::test]
async fn an_address_that_refuses_mail_is_suppressed_after_three_bounces_and_each_delivery_says_why()
{
    let smtp = SmtpServer::start_refusing().await.expect("aiosmtpd");
    let app = App::start(Some(smtp.url())).await;
    let (token, user_id) = app.account(Some("gone@example.com"), None).await;
    let failed = "SELECT count(*) FROM notifications.deliveries WHERE status = 'FAILED'";
    // The welcome and the verification emails bounce first, then a
    // shipping email.
    assert_eq!(app.wait_for_count(failed, 2).await, 2);
    app.ship(user_id, "T3").await;
    assert_eq!(app.wait_for_count(failed, 3).await, 3);
    assert_eq!(
        app.scalar("SELECT count(*) FROM notifications.bounces WHERE address = 'gone@example.com' AND bounces = 3 AND suppressed_at IS NOT NULL").await,
        1
    );
    // The fourth is not even tried.
    app.ship(user_id, "T4").await;
    let suppressed = "SELECT count(*) FROM notifications.deliveries WHERE status = 'SUPPRESSED'";
    assert_eq!(app.wait_for_count(suppressed, 1).await, 1);

    let deliveries = app
        .grpc()
        .await
        .list_deliveries(authorized(
            ListDeliveriesRequest {
                user_id: user_id.to_string(),
                limit: 10,
            },
            &token,
        ))
        .await
        .expect("the user reads their own records")
        .into_inner()
        .deliveries;
    assert_eq!(deliveries.len(), 4);
    assert_eq!(deliveries[0].status, "SUPPRESSED");
    assert_eq!(
        deliveries[0].last_error.as_deref(),
        Some("the address keeps bouncing")
    );
    for bounced in &deliveries[1..] {
        assert_eq!(bounced.status, "FAILED");
        assert_eq!(bounced.attempts, 1, "a permanent refusal is not retried");
        assert!(
            bounced.last_error.as_deref().unwrap_or("").contains("550"),
            "{bounced:?}"
        );
        assert_eq!(bounced.provider_message_id, None);
    }
    // The in-app notifications are unaffected by the bounces.
    let unread = app
        .grpc()
        .await
        .count_unread(authorized(
            CountUnreadRequest {
                user_id: user_id.to_string(),
            },
            &token,
        ))
        .await
        .expect("count")
        .into_inner()
        .unread;
    // Welcome and the two shipping notes (a verification link is email only).
    assert_eq!(unread, 3);
}

#[tokio::test]
async fn a_mail_server_that_is_down_leaves_the_message_pending_with_its_error_until_a_later_attempt()
 {
    let app = App::start(Some("smtp://127.0.0.1:1".into())).await;
    app.account(Some("patient@example.com"), None).await;
    let tried = "SELECT count(*) FROM notifications.deliveries WHERE kind = 'welcome' AND attempts >= 1 AND last_error IS NOT NULL";
    assert_eq!(app.wait_for_count(tried, 1).await, 1);
    let (status, waits): (String, bool) = {
        let admin = app.database.admin_pool().await.unwrap();
        let row =
            sqlx::query_as("SELECT status, next_attempt_at > now() FROM notifications.deliveries WHERE kind = 'welcome'")
                .fetch_one(&admin)
                .await
                .unwrap();
        admin.close().await;
        row
    };
    assert_eq!(status, "PENDING", "a transient failure is retried later");
    assert!(waits, "after a backoff");
}

#[tokio::test]
async fn a_password_reset_asked_by_phone_is_texted_with_its_link_and_recorded_as_sent() {
    let app = App::start(None).await;
    let phone = "+4915112345678";
    app.account(None, Some(phone)).await;
    let asked = app
        .user
        .graphql(
            None,
            "mutation($p: String) { requestPasswordReset(phone: $p) }",
            json!({ "p": phone }),
        )
        .await;
    assert_eq!(asked["data"]["requestPasswordReset"], true, "{asked}");
    let sent = "SELECT count(*) FROM notifications.deliveries WHERE channel = 'SMS' AND status = 'SENT' AND provider_message_id IS NOT NULL";
    assert_eq!(app.wait_for_count(sent, 1).await, 1);
    let texts: Vec<String> = std::fs::read_dir(&app.sms_dir)
        .expect("the SMS sink")
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(texts.len(), 1);
    assert!(
        texts[0].starts_with(&format!("To: {phone}")),
        "{}",
        texts[0]
    );
    assert!(
        texts[0].contains("https://shop.test/reset?token="),
        "{}",
        texts[0]
    );
    // Once sent, the link is not kept in the delivery record.
    assert_eq!(
        app.scalar("SELECT count(*) FROM notifications.deliveries WHERE kind = 'password_reset' AND text_body NOT LIKE '%token=%' AND html_body IS NULL").await,
        1
    );
    // A reset is a security message: no in-app copy of the link.
    assert_eq!(
        app.scalar(
            "SELECT count(*) FROM notifications.notifications WHERE kind = 'password_reset'"
        )
        .await,
        0
    );
}

#[tokio::test]
async fn the_grpc_api_shows_a_user_their_own_records_only() {
    let app = App::start(None).await;
    let (token, user_id) = app.account(Some("ada@example.com"), None).await;
    let (_, other) = app.account(Some("bob@example.com"), None).await;
    let mut client = app.grpc().await;
    let anonymous = client
        .count_unread(CountUnreadRequest {
            user_id: user_id.to_string(),
        })
        .await
        .unwrap_err();
    assert_eq!(anonymous.code(), tonic::Code::Unauthenticated);
    let prying = client
        .list_deliveries(authorized(
            ListDeliveriesRequest {
                user_id: other.to_string(),
                limit: 5,
            },
            &token,
        ))
        .await
        .unwrap_err();
    assert_eq!(prying.code(), tonic::Code::PermissionDenied);
    let greedy = client
        .list_deliveries(authorized(
            ListDeliveriesRequest {
                user_id: user_id.to_string(),
                limit: 1000,
            },
            &token,
        ))
        .await
        .unwrap_err();
    assert_eq!(greedy.code(), tonic::Code::InvalidArgument);
    let malformed = client
        .count_unread(authorized(
            CountUnreadRequest {
                user_id: "nope".into(),
            },
            &token,
        ))
        .await
        .unwrap_err();
    assert_eq!(malformed.code(), tonic::Code::InvalidArgument);
}

#[tokio::test]
async fn a_poison_message_is_dead_lettered_with_its_reason_and_the_next_event_is_applied() {
    let app = App::start(None).await;
    let (_, user_id) = app.account(Some("ada@example.com"), None).await;
    app.publish("order.shipped", b"{\"id\": 42}").await;
    app.ship(user_id, "AFTER-POISON").await;
    let applied = "SELECT count(*) FROM notifications.notifications WHERE kind = 'order_shipped'";
    assert_eq!(app.wait_for_count(applied, 1).await, 1);
    let (_connection, channel) = app.broker.open().await.expect("broker");
    let dead = channel
        .basic_get(
            app.broker
                .dead_letter_queue(&NOTIFICATION_GROUP)
                .as_str()
                .into(),
            BasicGetOptions { no_ack: true },
        )
        .await
        .expect("basic.get")
        .expect("the poison message is in the dead-letter queue");
    assert_eq!(dead.delivery.data, b"{\"id\": 42}");
    let reason =
        platform::events::consumer::header_str(&dead.delivery.properties, "x-death-reason")
            .unwrap_or_default();
    assert!(reason.starts_with("malformed event"), "{reason}");
}

#[tokio::test]
async fn a_user_who_chose_sms_for_shipping_gets_the_tracking_number_by_text() {
    let app = App::start(None).await;
    let phone = "+4915198765432";
    let (token, user_id) = app.account(Some("texts@example.com"), Some(phone)).await;
    let chosen = app
        .notification
        .graphql(Some(&token), "mutation { updateNotificationPreference(category: \"shipping\", sms: true, email: false) { email sms inApp } }", json!({}))
        .await;
    assert_eq!(
        chosen["data"]["updateNotificationPreference"],
        json!({ "email": false, "sms": true, "inApp": true }),
        "{chosen}"
    );
    app.ship(user_id, "BY-TEXT-7").await;
    let sent = "SELECT count(*) FROM notifications.deliveries WHERE channel = 'SMS' AND kind = 'order_shipped' AND status = 'SENT'";
    assert_eq!(app.wait_for_count(sent, 1).await, 1);
    let texts: Vec<String> = std::fs::read_dir(&app.sms_dir)
        .expect("the SMS sink")
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains(phone) && t.contains("BY-TEXT-7")),
        "{texts:?}"
    );
    assert_eq!(
        app.scalar("SELECT count(*) FROM notifications.deliveries WHERE channel = 'EMAIL' AND kind = 'order_shipped'").await,
        0,
        "shipping email is off"
    );
}

#[tokio::test]
async fn while_the_user_service_is_down_messages_wait_without_spending_attempts() {
    let mut app = App::start(None).await;
    let (_, user_id) = app.account(Some("waiting@example.com"), None).await;
    let sent = "SELECT count(*) FROM notifications.deliveries WHERE status = 'SENT'";
    assert_eq!(
        app.wait_for_count(sent, 2).await,
        2,
        "the welcome and the verification emails went out"
    );
    app.user.stop().await;
    let admin = app.database.admin_pool().await.unwrap();
    sqlx::query(
        "INSERT INTO notifications.deliveries (id, event_id, user_id, channel, category, kind, subject, text_body) \
         VALUES ($1, $2, $3, 'EMAIL', 'shipping', 'order_shipped', 'Shipped', 'On its way')",
    )
    .bind(Uuid::now_v7())
    .bind(Uuid::now_v7())
    .bind(user_id)
    .execute(&admin)
    .await
    .unwrap();
    let postponed = "SELECT count(*) FROM notifications.deliveries WHERE kind = 'order_shipped' \
                     AND status = 'PENDING' AND attempts = 0 AND last_error LIKE 'user service:%' AND next_attempt_at > now()";
    assert_eq!(app.wait_for_count(postponed, 1).await, 1);
    admin.close().await;
}

#[tokio::test]
async fn two_replicas_of_the_service_share_the_queue_and_apply_every_event_once() {
    let app = App::start(None).await;
    let replica =
        notification::Application::build_on(app.config.clone(), Listeners::local().await.unwrap())
            .await
            .expect("a second replica");
    let replica = TestApp::start(replica);
    let mut users = Vec::new();
    for n in 0..4 {
        users.push(
            app.account(Some(&format!("r{n}@example.com")), None)
                .await
                .1,
        );
    }
    for round in 0..10 {
        for user in &users {
            app.ship(*user, &format!("R-{round}")).await;
        }
    }
    let shipped = "SELECT count(*) FROM notifications.notifications WHERE kind = 'order_shipped'";
    assert_eq!(app.wait_for_count(shipped, 40).await, 40);
    let sent = "SELECT count(*) FROM notifications.deliveries WHERE kind = 'order_shipped' AND status = 'SENT'";
    assert_eq!(app.wait_for_count(sent, 40).await, 40);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.scalar(shipped).await, 40, "none twice");
    assert_eq!(
        app.scalar("SELECT count(DISTINCT event_id) FROM notifications.deliveries WHERE kind = 'order_shipped'").await,
        40
    );
    drop(replica);
}
