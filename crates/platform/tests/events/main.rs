//! The event path against the real PostgreSQL and RabbitMQ: outbox, relay,
//! broker, consumer. Each test has its own database and its own exchange
//! and queues (`BrokerConfig::for_test`), so they run in parallel.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use futures::future::BoxFuture;
use lapin::options::{BasicGetOptions, BasicPublishOptions};
use lapin::{BasicProperties, Channel, Connection};
use platform::events::consumer::header_str;
use platform::events::contract::{NOTIFICATION_GROUP, OrderProgress};
use platform::events::outbox::{self, OUTBOX_DDL};
use platform::events::{
    BrokerConfig, Consumer, Envelope, Event, Failure, Handler, Received, Relay, RelaySettings,
};
use platform::testing::{TcpProxy, TestDatabase};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// A database with an outbox, an inbox and an `effects` table in one
/// schema, and a broker namespace of its own.
struct Bench {
    _database: TestDatabase,
    pool: PgPool,
    broker: BrokerConfig,
}

impl Bench {
    async fn new() -> Self {
        let database = TestDatabase::create().await.expect("test database");
        let admin = database.admin_pool().await.expect("admin pool");
        sqlx::raw_sql("CREATE SCHEMA events_test")
            .execute(&admin)
            .await
            .expect("schema");
        let pool = platform::db::connect(
            database
                .admin_options()
                .options([("search_path", "events_test")]),
            8,
        )
        .await
        .expect("pool");
        sqlx::raw_sql(OUTBOX_DDL)
            .execute(&pool)
            .await
            .expect("outbox");
        sqlx::raw_sql(platform::events::consumer::INBOX_DDL)
            .execute(&pool)
            .await
            .expect("inbox");
        sqlx::raw_sql(
            "CREATE TABLE effects (event_id UUID NOT NULL, aggregate_id TEXT NOT NULL, \
             sequence BIGINT NOT NULL, superseded BOOLEAN NOT NULL, n BIGSERIAL)",
        )
        .execute(&pool)
        .await
        .expect("effects");
        Self {
            _database: database,
            pool,
            broker: BrokerConfig::for_test(),
        }
    }

    /// Writes `count` events about `order` to the outbox, one transaction each.
    async fn produce(&self, order: Uuid, count: usize) {
        for _ in 0..count {
            let mut tx = self.pool.begin().await.expect("begin");
            outbox::append(&mut *tx, progress(order))
                .await
                .expect("append");
            tx.commit().await.expect("commit");
        }
    }

    fn relay(&self, broker: &BrokerConfig) -> Relay {
        Relay::new(
            "test",
            self.pool.clone(),
            broker.clone(),
            RelaySettings {
                idle_poll: Duration::from_millis(20),
                ..RelaySettings::default()
            },
        )
    }

    fn consumer(&self, broker: &BrokerConfig, handler: Arc<dyn Handler>) -> Consumer {
        Consumer::new(
            self.pool.clone(),
            broker.clone(),
            NOTIFICATION_GROUP,
            handler,
        )
    }

    async fn effects(&self) -> i64 {
        sqlx::query_scalar("SELECT count(*) FROM effects")
            .fetch_one(&self.pool)
            .await
            .expect("count")
    }

    async fn distinct_effects(&self) -> i64 {
        sqlx::query_scalar("SELECT count(DISTINCT event_id) FROM effects")
            .fetch_one(&self.pool)
            .await
            .expect("count")
    }

    /// Waits until `count` effects exist (or 15 s pass), then returns the count.
    async fn wait_for_effects(&self, count: i64) -> i64 {
        for _ in 0..300 {
            if self.effects().await >= count {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // Anything more that was going to arrive, twice say, has arrived.
        tokio::time::sleep(Duration::from_millis(300)).await;
        self.effects().await
    }

    async fn channel(&self) -> (Connection, Channel) {
        self.broker.open().await.expect("broker")
    }
}

fn progress(order_id: Uuid) -> Event {
    Event::OrderFulfilling(OrderProgress {
        order_id,
        user_id: Uuid::now_v7(),
    })
}

/// Records every event it applies; fails the first `fail_first` deliveries
/// with a retryable failure, and always rejects the event `poison`.
#[derive(Default)]
struct Recorder {
    /// Answers `Unavailable` this many times first (an outage).
    down_first: AtomicU32,
    fail_first: AtomicU32,
    always_fail: Option<Uuid>,
    slow: Option<Duration>,
}

impl Handler for Recorder {
    fn apply<'a>(
        &'a self,
        tx: &'a mut PgConnection,
        event: Received<'a>,
    ) -> BoxFuture<'a, Result<(), Failure>> {
        Box::pin(async move {
            if let Some(delay) = self.slow {
                tokio::time::sleep(delay).await;
            }
            if self
                .down_first
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok()
            {
                return Err(Failure::Unavailable("the user service is down".into()));
            }
            if Some(event.envelope.id) == self.always_fail {
                return Err(Failure::Retry("the peer is down".into()));
            }
            if self
                .fail_first
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok()
            {
                return Err(Failure::Retry("not yet".into()));
            }
            sqlx::query(
                "INSERT INTO effects (event_id, aggregate_id, sequence, superseded) VALUES ($1, $2, $3, $4)",
            )
            .bind(event.envelope.id)
            .bind(&event.envelope.aggregate.id)
            .bind(event.envelope.aggregate.sequence)
            .bind(event.superseded)
            .execute(&mut *tx)
            .await?;
            Ok(())
        })
    }
}

async fn publish_raw(channel: &Channel, broker: &BrokerConfig, key: &str, body: &[u8]) {
    let confirm = channel
        .basic_publish(
            broker.exchange.as_str().into(),
            key.into(),
            BasicPublishOptions::default(),
            body,
            BasicProperties::default(),
        )
        .await
        .expect("publish")
        .await
        .expect("confirm");
    assert!(confirm.is_ack());
}

async fn envelope_bytes(order: Uuid, sequence: i64) -> (Envelope, Vec<u8>) {
    let mut envelope = Envelope::new(progress(order), platform::events::current_traceparent());
    envelope.aggregate.sequence = sequence;
    let bytes = serde_json::to_vec(&envelope).expect("json");
    (envelope, bytes)
}

/// The dead-lettered messages of the notification group: (reason, body).
async fn dead_letters(channel: &Channel, broker: &BrokerConfig) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    while let Some(message) = channel
        .basic_get(
            broker
                .dead_letter_queue(&NOTIFICATION_GROUP)
                .as_str()
                .into(),
            BasicGetOptions { no_ack: true },
        )
        .await
        .expect("basic.get")
    {
        let reason = header_str(&message.delivery.properties, "x-death-reason").unwrap_or_default();
        found.push((reason, message.delivery.data.clone()));
    }
    found
}

#[tokio::test]
async fn the_relay_publishes_every_event_in_order_and_marks_it_only_after_the_confirm() {
    let bench = Bench::new().await;
    let orders: Vec<Uuid> = (0..4).map(|_| Uuid::now_v7()).collect();
    for order in &orders {
        bench.produce(*order, 10).await;
    }
    let _consumer = bench
        .consumer(&bench.broker, Arc::new(Recorder::default()))
        .spawn();
    let _relay = bench.relay(&bench.broker).spawn();
    assert_eq!(bench.wait_for_effects(40).await, 40);
    for order in &orders {
        let sequences: Vec<i64> =
            sqlx::query_scalar("SELECT sequence FROM effects WHERE aggregate_id = $1 ORDER BY n")
                .bind(order.to_string())
                .fetch_all(&bench.pool)
                .await
                .expect("effects");
        assert_eq!(sequences, (1..=10).collect::<Vec<_>>(), "applied in order");
    }
    let unpublished: i64 =
        sqlx::query_scalar("SELECT count(*) FROM outbox WHERE published_at IS NULL")
            .fetch_one(&bench.pool)
            .await
            .expect("count");
    assert_eq!(unpublished, 0);
    let (backlog, _) = outbox::backlog(&bench.pool).await.expect("backlog");
    assert_eq!(backlog, 0);
    // Retention: published rows are purged once old enough.
    assert_eq!(
        outbox::purge_published(&bench.pool, Duration::from_secs(3600))
            .await
            .expect("purge"),
        0
    );
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(
        outbox::purge_published(&bench.pool, Duration::ZERO)
            .await
            .expect("purge"),
        40
    );
}

#[tokio::test]
async fn a_commit_wakes_the_relay_at_once_without_waiting_for_its_poll() {
    let bench = Bench::new().await;
    let _consumer = bench
        .consumer(&bench.broker, Arc::new(Recorder::default()))
        .spawn();
    let _relay = Relay::new(
        "test",
        bench.pool.clone(),
        bench.broker.clone(),
        RelaySettings {
            // Far longer than this test waits: only the NOTIFY can wake it.
            idle_poll: Duration::from_secs(60),
            ..RelaySettings::default()
        },
    )
    .spawn();
    // Let the relay find the outbox empty and go to sleep.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let started = std::time::Instant::now();
    bench.produce(Uuid::now_v7(), 1).await;
    for _ in 0..100 {
        if bench.effects().await == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(bench.effects().await, 1, "woken by the commit");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn events_that_carry_secrets_are_deleted_from_the_outbox_once_published() {
    let bench = Bench::new().await;
    bench.produce(Uuid::now_v7(), 3).await;
    let _consumer = bench
        .consumer(&bench.broker, Arc::new(Recorder::default()))
        .spawn();
    let _relay = Relay::new(
        "test",
        bench.pool.clone(),
        bench.broker.clone(),
        RelaySettings {
            idle_poll: Duration::from_millis(20),
            forget_on_publish: &["order.fulfilling"],
            ..RelaySettings::default()
        },
    )
    .spawn();
    assert_eq!(
        bench.wait_for_effects(3).await,
        3,
        "they are still delivered"
    );
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox")
        .fetch_one(&bench.pool)
        .await
        .expect("count");
    assert_eq!(left, 0);
}

#[tokio::test]
async fn the_same_event_delivered_twice_is_applied_once() {
    let bench = Bench::new().await;
    let (_connection, channel) = bench.channel().await;
    let (_, bytes) = envelope_bytes(Uuid::now_v7(), 1).await;
    publish_raw(&channel, &bench.broker, "order.fulfilling", &bytes).await;
    publish_raw(&channel, &bench.broker, "order.fulfilling", &bytes).await;
    let _consumer = bench
        .consumer(&bench.broker, Arc::new(Recorder::default()))
        .spawn();
    assert_eq!(bench.wait_for_effects(2).await, 1);
    let inbox: i64 = sqlx::query_scalar("SELECT count(*) FROM inbox")
        .fetch_one(&bench.pool)
        .await
        .expect("inbox");
    assert_eq!(inbox, 1);
}

#[tokio::test]
async fn a_malformed_message_is_dead_lettered_with_its_reason_and_the_next_one_is_applied() {
    let bench = Bench::new().await;
    let (_connection, channel) = bench.channel().await;
    publish_raw(&channel, &bench.broker, "order.fulfilling", b"{not json").await;
    let wrong_payload = serde_json::json!({
        "id": Uuid::now_v7(), "type": "order.fulfilling", "version": 1,
        "occurredAt": "2026-12-02T00:00:00Z", "traceparent": "x",
        "aggregate": { "type": "order", "id": "o", "sequence": 1 }, "payload": { "orderId": 7 }
    });
    publish_raw(
        &channel,
        &bench.broker,
        "order.fulfilling",
        wrong_payload.to_string().as_bytes(),
    )
    .await;
    let (mut future, _) = envelope_bytes(Uuid::now_v7(), 1).await;
    future.version = 99;
    publish_raw(
        &channel,
        &bench.broker,
        "order.fulfilling",
        &serde_json::to_vec(&future).expect("json"),
    )
    .await;
    let (_, good) = envelope_bytes(Uuid::now_v7(), 1).await;
    publish_raw(&channel, &bench.broker, "order.fulfilling", &good).await;
    let _consumer = bench
        .consumer(&bench.broker, Arc::new(Recorder::default()))
        .spawn();
    assert_eq!(bench.wait_for_effects(1).await, 1);
    let dead = dead_letters(&channel, &bench.broker).await;
    assert_eq!(dead.len(), 3, "{dead:?}");
    assert!(dead[0].0.starts_with("malformed event"), "{}", dead[0].0);
    assert_eq!(dead[0].1, b"{not json");
    assert!(dead[1].0.starts_with("malformed event"), "{}", dead[1].0);
    assert!(dead[2].0.contains("version 99 is newer"), "{}", dead[2].0);
}

#[tokio::test]
async fn a_failing_event_is_retried_after_a_delay_then_dead_lettered_while_others_flow() {
    let bench = Bench::new().await;
    let (_connection, channel) = bench.channel().await;
    let (stuck, stuck_bytes) = envelope_bytes(Uuid::now_v7(), 1).await;
    publish_raw(&channel, &bench.broker, "order.fulfilling", &stuck_bytes).await;
    for _ in 0..3 {
        let (_, bytes) = envelope_bytes(Uuid::now_v7(), 1).await;
        publish_raw(&channel, &bench.broker, "order.fulfilling", &bytes).await;
    }
    let recorder = Recorder {
        // The first good event fails once, then succeeds on its retry.
        fail_first: AtomicU32::new(1),
        always_fail: Some(stuck.id),
        ..Recorder::default()
    };
    let _consumer = bench.consumer(&bench.broker, Arc::new(recorder)).spawn();
    assert_eq!(bench.wait_for_effects(3).await, 3);
    // Three attempts, 200 ms apart, then the dead-letter queue.
    let mut dead = Vec::new();
    for _ in 0..100 {
        dead = dead_letters(&channel, &bench.broker).await;
        if !dead.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].0, "gave up after 3 attempts: the peer is down");
    assert_eq!(dead[0].1, stuck_bytes);
    assert_eq!(bench.distinct_effects().await, 3);
}

#[tokio::test]
async fn a_consumer_killed_mid_batch_leaves_its_unacknowledged_events_to_the_next_which_applies_each_once()
 {
    let bench = Bench::new().await;
    bench.produce(Uuid::now_v7(), 30).await;
    let _relay = bench.relay(&bench.broker).spawn();
    let slow = || {
        Arc::new(Recorder {
            slow: Some(Duration::from_millis(20)),
            ..Recorder::default()
        })
    };
    let first = bench.consumer(&bench.broker, slow()).spawn();
    for _ in 0..200 {
        if bench.effects().await >= 5 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    drop(first);
    let applied_before = bench.effects().await;
    assert!(applied_before < 30, "the first consumer was stopped midway");
    let _second = bench.consumer(&bench.broker, slow()).spawn();
    assert_eq!(bench.wait_for_effects(30).await, 30);
    assert_eq!(bench.distinct_effects().await, 30);
}

#[tokio::test]
async fn two_relays_and_two_consumers_publish_and_apply_every_event_once() {
    let bench = Bench::new().await;
    // An audit queue sees every message the relays publish.
    let (_connection, channel) = bench.channel().await;
    let audit = format!("{}audit", bench.broker.queue_prefix);
    let mut expires = lapin::types::FieldTable::default();
    expires.insert(
        "x-expires".into(),
        lapin::types::AMQPValue::LongLongInt(600_000),
    );
    channel
        .queue_declare(audit.as_str().into(), Default::default(), expires)
        .await
        .expect("audit queue");
    channel
        .queue_bind(
            audit.as_str().into(),
            bench.broker.exchange.as_str().into(),
            "#".into(),
            Default::default(),
            Default::default(),
        )
        .await
        .expect("bind");
    let producers: Vec<_> = (0..4)
        .map(|_| {
            let pool = bench.pool.clone();
            tokio::spawn(async move {
                let order = Uuid::now_v7();
                for _ in 0..50 {
                    let mut tx = pool.begin().await.expect("begin");
                    outbox::append(&mut *tx, progress(order))
                        .await
                        .expect("append");
                    tx.commit().await.expect("commit");
                }
            })
        })
        .collect();
    let _relays = [
        bench.relay(&bench.broker).spawn(),
        bench.relay(&bench.broker).spawn(),
    ];
    let _consumers = [
        bench
            .consumer(&bench.broker, Arc::new(Recorder::default()))
            .spawn(),
        bench
            .consumer(&bench.broker, Arc::new(Recorder::default()))
            .spawn(),
    ];
    for producer in producers {
        producer.await.expect("producer");
    }
    assert_eq!(bench.wait_for_effects(200).await, 200);
    assert_eq!(bench.distinct_effects().await, 200);
    // Not one event was published twice.
    let published = channel
        .queue_declare(
            audit.as_str().into(),
            lapin::options::QueueDeclareOptions {
                passive: true,
                ..Default::default()
            },
            Default::default(),
        )
        .await
        .expect("audit queue")
        .message_count();
    assert_eq!(published, 200);
    assert!(dead_letters(&channel, &bench.broker).await.is_empty());
}

#[tokio::test]
async fn events_written_while_the_broker_is_down_arrive_once_when_it_is_back() {
    let bench = Bench::new().await;
    let proxy = TcpProxy::start(SocketAddr::from((
        [127, 0, 0, 1],
        broker_port(&bench.broker),
    )))
    .await
    .expect("proxy");
    let mut through_proxy = bench.broker.clone();
    through_proxy.url = format!("amqp://guest:guest@{}/%2f", proxy.addr());
    // The topology exists before the cut, as it would in production.
    let _ = bench.channel().await;
    let _relay = bench.relay(&through_proxy).spawn();
    let _consumer = bench
        .consumer(&through_proxy, Arc::new(Recorder::default()))
        .spawn();
    bench.produce(Uuid::now_v7(), 5).await;
    assert_eq!(bench.wait_for_effects(5).await, 5);

    proxy.cut();
    // The producer's transactions do not need the broker.
    bench.produce(Uuid::now_v7(), 20).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        bench.effects().await,
        5,
        "nothing flows while the broker is away"
    );
    let (waiting, _) = outbox::backlog(&bench.pool).await.expect("backlog");
    assert_eq!(waiting, 20);

    proxy.restore();
    assert_eq!(bench.wait_for_effects(25).await, 25);
    assert_eq!(bench.distinct_effects().await, 25);
}

#[tokio::test]
async fn an_outage_of_a_dependency_holds_the_queue_without_spending_attempts_or_dead_lettering() {
    let bench = Bench::new().await;
    let (_connection, channel) = bench.channel().await;
    for _ in 0..3 {
        let (_, bytes) = envelope_bytes(Uuid::now_v7(), 1).await;
        publish_raw(&channel, &bench.broker, "order.fulfilling", &bytes).await;
    }
    // Five refusals, more than the three attempts a failing event gets.
    let recorder = Recorder {
        down_first: AtomicU32::new(5),
        ..Recorder::default()
    };
    let _consumer = bench.consumer(&bench.broker, Arc::new(recorder)).spawn();
    assert_eq!(bench.wait_for_effects(3).await, 3);
    assert!(dead_letters(&channel, &bench.broker).await.is_empty());
    assert_eq!(bench.distinct_effects().await, 3);
}

#[tokio::test]
async fn an_event_older_than_one_already_applied_is_marked_superseded() {
    let bench = Bench::new().await;
    let (_connection, channel) = bench.channel().await;
    let order = Uuid::now_v7();
    let (_, delivered) = envelope_bytes(order, 2).await;
    let (_, shipped) = envelope_bytes(order, 1).await;
    publish_raw(&channel, &bench.broker, "order.fulfilling", &delivered).await;
    publish_raw(&channel, &bench.broker, "order.fulfilling", &shipped).await;
    let _consumer = bench
        .consumer(&bench.broker, Arc::new(Recorder::default()))
        .spawn();
    assert_eq!(bench.wait_for_effects(2).await, 2);
    let flags: Vec<(i64, bool)> =
        sqlx::query_as("SELECT sequence, superseded FROM effects ORDER BY n")
            .fetch_all(&bench.pool)
            .await
            .expect("effects");
    assert_eq!(flags, vec![(2, false), (1, true)]);
}

fn broker_port(broker: &BrokerConfig) -> u16 {
    broker
        .url
        .rsplit_once(':')
        .and_then(|(_, rest)| rest.split('/').next())
        .and_then(|port| port.parse().ok())
        .unwrap_or(5672)
}
