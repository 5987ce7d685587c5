//! The RabbitMQ side: where the broker is, and the topology every service
//! declares (one durable topic exchange; per consumer group a durable queue,
//! a retry queue that hands messages back after a delay, and a dead-letter
//! queue).

use std::time::Duration;

use lapin::options::{
    ConfirmSelectOptions, ExchangeDeclareOptions, QueueBindOptions, QueueDeclareOptions,
};
use lapin::types::{AMQPValue, FieldTable, ShortString};
use lapin::{Channel, Connection, ConnectionProperties, ExchangeKind};

use super::contract::{CONSUMER_GROUPS, ConsumerGroup};
use crate::config::{env_opt, env_or, env_parse};

/// The broker used when `AMQP_URL` is unset: the local RabbitMQ.
pub const DEFAULT_AMQP_URL: &str = "amqp://guest:guest@127.0.0.1:5672/%2f";

/// The exchange used when `AMQP_EXCHANGE` is unset.
pub const DEFAULT_EXCHANGE: &str = "shop.events";

/// Environment variables [`BrokerConfig::from_env`] reads.
pub const ENV_VARS: &[&str] = &[
    "AMQP_URL",
    "AMQP_EXCHANGE",
    "AMQP_QUEUE_PREFIX",
    "AMQP_TEMPORARY",
    "EVENTS_RETRY_DELAY_MS",
    "EVENTS_MAX_ATTEMPTS",
];

/// Where events go and how failures are retried.
#[derive(Clone)]
pub struct BrokerConfig {
    /// `amqp://user:password@host:port/vhost`.
    pub url: String,
    /// The durable topic exchange every producer publishes to.
    pub exchange: String,
    /// Put before every queue name: lets tests (or two stacks) share a broker
    /// without sharing queues.
    pub queue_prefix: String,
    /// How long a failed message waits in the retry queue.
    pub retry_delay: Duration,
    /// Deliveries of one message before it goes to the dead-letter queue.
    pub max_attempts: u32,
    /// Tests only: the exchange deletes itself when its last queue goes, and
    /// the queues expire ten minutes after their last consumer left.
    pub temporary: bool,
}

impl std::fmt::Debug for BrokerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BrokerConfig")
            .field("url", &redact(&self.url))
            .field("exchange", &self.exchange)
            .field("queue_prefix", &self.queue_prefix)
            .finish_non_exhaustive()
    }
}

/// The URL without its password, for logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

impl BrokerConfig {
    /// From `AMQP_URL`, `AMQP_EXCHANGE`, `AMQP_QUEUE_PREFIX`,
    /// `EVENTS_RETRY_DELAY_MS` (default 5000), `EVENTS_MAX_ATTEMPTS`
    /// (default 5) and `AMQP_TEMPORARY` (default false; a process joining
    /// a test's broker namespace, refused in production, where a queue that
    /// expires would lose events).
    pub fn from_env() -> anyhow::Result<Self> {
        let temporary = env_parse("AMQP_TEMPORARY", false)?;
        anyhow::ensure!(
            !(temporary && crate::config::is_production()),
            "AMQP_TEMPORARY=true is refused in production: its queues expire, and their events with them"
        );
        Ok(Self {
            url: env_or("AMQP_URL", DEFAULT_AMQP_URL),
            exchange: env_or("AMQP_EXCHANGE", DEFAULT_EXCHANGE),
            queue_prefix: env_opt("AMQP_QUEUE_PREFIX").unwrap_or_default(),
            retry_delay: Duration::from_millis(env_parse("EVENTS_RETRY_DELAY_MS", 5000)?),
            max_attempts: env_parse("EVENTS_MAX_ATTEMPTS", 5u32)?.max(1),
            temporary,
        })
    }

    /// The environment of a process that joins this broker namespace, as
    /// [`BrokerConfig::from_env`] reads it back.
    pub fn to_env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AMQP_URL", self.url.clone()),
            ("AMQP_EXCHANGE", self.exchange.clone()),
            ("AMQP_QUEUE_PREFIX", self.queue_prefix.clone()),
            (
                "EVENTS_RETRY_DELAY_MS",
                self.retry_delay.as_millis().to_string(),
            ),
            ("EVENTS_MAX_ATTEMPTS", self.max_attempts.to_string()),
            ("AMQP_TEMPORARY", self.temporary.to_string()),
        ]
    }

    /// As [`BrokerConfig::from_env`], or `None` when `AMQP_URL=off`: a
    /// deployment without a broker, whose events stay in the outboxes.
    pub fn from_env_unless_off() -> anyhow::Result<Option<Self>> {
        if env_or("AMQP_URL", DEFAULT_AMQP_URL).eq_ignore_ascii_case("off") {
            return Ok(None);
        }
        Self::from_env().map(Some)
    }

    /// A broker namespace of its own on the local RabbitMQ (or `AMQP_URL`):
    /// a fresh exchange and queue prefix, short retry delays, and
    /// everything removed by the broker once the test is gone.
    pub fn for_test() -> Self {
        let tag = uuid::Uuid::new_v4().simple().to_string();
        Self {
            url: env_or("AMQP_URL", DEFAULT_AMQP_URL),
            exchange: format!("test.{tag}"),
            queue_prefix: format!("test.{tag}."),
            retry_delay: Duration::from_millis(200),
            max_attempts: 3,
            temporary: true,
        }
    }

    /// The queue of `group` in this deployment.
    pub fn queue(&self, group: &ConsumerGroup) -> String {
        format!("{}{}", self.queue_prefix, group.name)
    }

    /// Where failed messages of `group` wait before they are tried again.
    pub fn retry_queue(&self, group: &ConsumerGroup) -> String {
        format!("{}.retry", self.queue(group))
    }

    /// Where messages of `group` that cannot be applied end up.
    pub fn dead_letter_queue(&self, group: &ConsumerGroup) -> String {
        format!("{}.dlq", self.queue(group))
    }

    /// Opens a connection and a channel with publisher confirms, and
    /// declares the whole topology.
    pub async fn open(&self) -> Result<(Connection, Channel), lapin::Error> {
        let connection = Connection::connect(&self.url, ConnectionProperties::default()).await?;
        let channel = connection.create_channel().await?;
        channel
            .confirm_select(ConfirmSelectOptions::default())
            .await?;
        self.declare(&channel).await?;
        Ok((connection, channel))
    }

    /// Runs `session` on a fresh connection, forever: whenever it ends (its
    /// result says why) or the broker cannot be reached, it reconnects with
    /// [`Backoff`]. An unreachable broker is reported once, at `warn`, with
    /// `while_down` saying what happens meanwhile; its return once, at `info`.
    /// `who` names the relay or consumer in the logs.
    pub async fn keep_connected<F, Fut, E>(&self, who: &str, while_down: &str, mut session: F)
    where
        F: FnMut(Channel) -> Fut,
        Fut: std::future::Future<Output = E>,
        E: std::fmt::Display,
    {
        let mut backoff = Backoff::default();
        let mut reported = false;
        loop {
            match self.open().await {
                Ok((connection, channel)) => {
                    if reported {
                        tracing::info!(who, "event broker reachable again");
                    }
                    reported = false;
                    backoff.reset();
                    let ended = session(channel).await;
                    drop(connection);
                    tracing::warn!(who, error = %ended, "event broker session ended; reconnecting");
                }
                Err(error) if !reported => {
                    reported = true;
                    tracing::warn!(who, broker = %redact(&self.url), %error, "event broker unreachable: {while_down}");
                }
                Err(error) => tracing::debug!(who, %error, "event broker still unreachable"),
            }
            tokio::time::sleep(backoff.next_delay()).await;
        }
    }

    /// Declares the exchange and every consumer group's queues. Idempotent.
    pub async fn declare(&self, channel: &Channel) -> Result<(), lapin::Error> {
        channel
            .exchange_declare(
                self.exchange.as_str().into(),
                ExchangeKind::Topic,
                ExchangeDeclareOptions {
                    durable: true,
                    auto_delete: self.temporary,
                    ..Default::default()
                },
                FieldTable::default(),
            )
            .await?;
        for group in &CONSUMER_GROUPS {
            let queue = self.queue(group);
            self.declare_queue(channel, &queue, FieldTable::default())
                .await?;
            for pattern in group.bindings {
                channel
                    .queue_bind(
                        queue.as_str().into(),
                        self.exchange.as_str().into(),
                        (*pattern).into(),
                        QueueBindOptions::default(),
                        FieldTable::default(),
                    )
                    .await?;
            }
            // Expired retries go back, by the default exchange, to the
            // group's own queue only (not to the other groups).
            let mut retry = FieldTable::default();
            retry.insert(
                "x-message-ttl".into(),
                AMQPValue::LongLongInt(self.retry_delay.as_millis() as i64),
            );
            retry.insert(
                "x-dead-letter-exchange".into(),
                AMQPValue::LongString("".into()),
            );
            retry.insert(
                "x-dead-letter-routing-key".into(),
                AMQPValue::LongString(queue.as_str().into()),
            );
            self.declare_queue(channel, &self.retry_queue(group), retry)
                .await?;
            self.declare_queue(
                channel,
                &self.dead_letter_queue(group),
                FieldTable::default(),
            )
            .await?;
        }
        Ok(())
    }

    async fn declare_queue(
        &self,
        channel: &Channel,
        name: &str,
        mut arguments: FieldTable,
    ) -> Result<(), lapin::Error> {
        if self.temporary {
            arguments.insert("x-expires".into(), AMQPValue::LongLongInt(600_000));
        }
        channel
            .queue_declare(
                ShortString::from(name),
                QueueDeclareOptions {
                    durable: true,
                    ..Default::default()
                },
                arguments,
            )
            .await?;
        Ok(())
    }
}

/// Waits between reconnection attempts: 100 ms, doubling to 10 s.
#[derive(Debug)]
pub struct Backoff {
    next: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Self { next: Self::FIRST }
    }
}

impl Backoff {
    const FIRST: Duration = Duration::from_millis(100);
    const MAX: Duration = Duration::from_secs(10);

    /// The delay to wait now; the next one is twice as long, up to 10 s.
    pub fn next_delay(&mut self) -> Duration {
        let delay = self.next;
        self.next = (self.next * 2).min(Self::MAX);
        delay
    }

    /// Back to the shortest delay, after a success.
    pub fn reset(&mut self) {
        self.next = Self::FIRST;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broker_url_is_logged_without_its_password() {
        assert_eq!(
            redact("amqp://guest:secret@127.0.0.1:5672/%2f"),
            "amqp://guest:***@127.0.0.1:5672/%2f"
        );
        assert_eq!(redact("amqp://127.0.0.1"), "amqp://127.0.0.1");
    }

    #[test]
    fn reconnection_backs_off_to_ten_seconds() {
        let mut backoff = Backoff::default();
        let delays: Vec<_> = (0..10).map(|_| backoff.next_delay()).collect();
        assert_eq!(delays[0], Duration::from_millis(100));
        assert_eq!(delays[1], Duration::from_millis(200));
        assert_eq!(delays[9], Duration::from_secs(10));
        backoff.reset();
        assert_eq!(backoff.next_delay(), Duration::from_millis(100));
    }
}
