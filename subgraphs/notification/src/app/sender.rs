//! The delivery worker: sends the emails and text messages that are due,
//! looking the address up at send time, and records each outcome. A failure
//! that may pass is retried with backoff; a permanent refusal counts as a
//! bounce, and an address that keeps bouncing gets no more mail.

use std::sync::Arc;
use std::time::Duration;

use crate::domain::{
    Channel, Delivery, DeliveryStatus, MAX_SEND_ATTEMPTS, SendFailure, normalise_address,
    retry_delay,
};
use crate::error::{Error, Result};
use crate::ports::{Mailer, OutgoingEmail, SmsSender, Users};
use crate::store::NotificationStore;

/// How long a claimed message is left to one worker before another may try.
const LEASE: Duration = Duration::from_secs(60);

/// How long a message waits when the user service cannot say where it goes.
const OUTAGE_PAUSE: Duration = Duration::from_secs(15);

/// Sends queued messages.
pub struct Sender {
    store: NotificationStore,
    users: Arc<dyn Users>,
    mailer: Arc<dyn Mailer>,
    sms: Arc<dyn SmsSender>,
}

/// The outcome of one send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// Accepted by the provider.
    Delivered,
    /// To be tried again later.
    Retrying,
    /// Given up, or not sent at all.
    Dropped(DeliveryStatus),
}

impl Sender {
    /// A sender over its store, the user directory and the channels.
    pub fn new(
        store: NotificationStore,
        users: Arc<dyn Users>,
        mailer: Arc<dyn Mailer>,
        sms: Arc<dyn SmsSender>,
    ) -> Self {
        Self {
            store,
            users,
            mailer,
            sms,
        }
    }

    /// Sends up to `limit` due messages; returns how many it tried.
    pub async fn send_due(&self, limit: i64) -> Result<usize> {
        let due = self.store.claim_due(limit, LEASE).await?;
        let count = due.len();
        for delivery in due {
            let id = delivery.id;
            if let Err(error) = self.send(delivery).await {
                tracing::warn!(delivery = %id, %error, "could not record a delivery");
            }
        }
        Ok(count)
    }

    /// Runs forever: sends what is due, then waits `interval`.
    pub async fn run(self, interval: Duration) {
        loop {
            match self.send_due(20).await {
                Ok(n) if n > 0 => continue,
                Ok(_) => {}
                Err(error) => tracing::warn!(%error, "delivery pass failed"),
            }
            tokio::time::sleep(interval).await;
        }
    }

    async fn send(&self, delivery: Delivery) -> Result<Sent> {
        let address = match &delivery.address {
            Some(address) => Some(address.clone()),
            None => match self.users.contact(delivery.user_id).await {
                Ok(contact) => contact
                    .filter(|c| c.active)
                    .and_then(|c| match delivery.channel {
                        Channel::Email => c.email,
                        Channel::Sms | Channel::InApp => c.phone,
                    }),
                Err(Error::Peer(api)) => {
                    // An outage of the user service is not the message's
                    // fault: it waits, however long that takes, without
                    // spending its attempts.
                    let reason = format!("user service: {}", api.message);
                    tracing::info!(delivery = %delivery.id, %reason, "contact unknown for now; postponed");
                    self.store
                        .postpone(delivery.id, &reason, OUTAGE_PAUSE)
                        .await?;
                    return Ok(Sent::Retrying);
                }
                Err(other) => return Err(other),
            },
        };
        let Some(address) = address else {
            return self
                .drop(
                    &delivery,
                    DeliveryStatus::Suppressed,
                    "the user has no such contact any more",
                )
                .await;
        };
        if self
            .store
            .is_suppressed(&normalise_address(&address))
            .await?
        {
            return self
                .drop(
                    &delivery,
                    DeliveryStatus::Suppressed,
                    "the address keeps bouncing",
                )
                .await;
        }
        let outcome = match delivery.channel {
            Channel::Email => {
                let email = OutgoingEmail {
                    to: address.clone(),
                    subject: delivery.subject.clone(),
                    text: delivery.text_body.clone(),
                    html: delivery.html_body.clone(),
                };
                self.mailer.send(&email).await
            }
            Channel::Sms | Channel::InApp => self.sms.send(&address, &delivery.text_body).await,
        };
        match outcome {
            Ok(provider_id) => {
                self.store.mark_sent(delivery.id, &provider_id).await?;
                tracing::info!(delivery = %delivery.id, kind = delivery.kind, channel = delivery.channel.as_str(), provider_id, "message sent");
                Ok(Sent::Delivered)
            }
            Err(SendFailure::Permanent(reason)) => {
                let suppressed = self
                    .store
                    .record_bounce(&normalise_address(&address), &reason)
                    .await?;
                if suppressed {
                    tracing::warn!(delivery = %delivery.id, "address suppressed after repeated bounces");
                }
                self.drop(&delivery, DeliveryStatus::Failed, &reason).await
            }
            Err(failure) => self.failed(&delivery, failure).await,
        }
    }

    async fn failed(&self, delivery: &Delivery, failure: SendFailure) -> Result<Sent> {
        let reason = match failure {
            SendFailure::Transient(r) | SendFailure::Permanent(r) => r,
        };
        if delivery.attempts >= MAX_SEND_ATTEMPTS {
            return self
                .drop(
                    delivery,
                    DeliveryStatus::Failed,
                    &format!("gave up after {} attempts: {reason}", delivery.attempts),
                )
                .await;
        }
        let delay = retry_delay(delivery.attempts - 1);
        tracing::info!(delivery = %delivery.id, attempts = delivery.attempts, %reason, ?delay, "send failed; retrying later");
        self.store
            .mark_failed(delivery.id, &reason, Some(delay), DeliveryStatus::Pending)
            .await?;
        Ok(Sent::Retrying)
    }

    async fn drop(
        &self,
        delivery: &Delivery,
        status: DeliveryStatus,
        reason: &str,
    ) -> Result<Sent> {
        tracing::info!(delivery = %delivery.id, status = status.as_str(), reason, "message not sent");
        self.store
            .mark_failed(delivery.id, reason, None, status)
            .await?;
        Ok(Sent::Dropped(status))
    }
}
