//! Turning one event into messages: who hears of it, on which channels
//! (their preferences, consent and contact details), in which language.

use std::sync::Arc;

use platform::events::Envelope;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::app::templates::Templates;
use crate::domain::messages::{Audience, Links, Plan, Recipient, channels_for, plan};
use crate::domain::{Channel, Delivery, DeliveryStatus, Notification, channels_of};
use crate::error::Result;
use crate::ports::{Contact, Users};
use crate::store::NotificationStore;

/// What [`Notifier::handle`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Decided {
    /// In-app notifications stored.
    pub in_app: usize,
    /// Emails and text messages queued.
    pub queued: usize,
}

/// Decides and stores the messages of each event.
pub struct Notifier {
    store: NotificationStore,
    users: Arc<dyn Users>,
    templates: Arc<Templates>,
    links: Links,
}

impl Notifier {
    /// A notifier over its store, the user directory and the templates.
    pub fn new(
        store: NotificationStore,
        users: Arc<dyn Users>,
        templates: Arc<Templates>,
        links: Links,
    ) -> Self {
        Self {
            store,
            users,
            templates,
            links,
        }
    }

    /// Applies `envelope` inside the consumer's transaction `tx`.
    /// `superseded` says a newer event of the same aggregate came first.
    pub async fn handle(
        &self,
        tx: &mut PgConnection,
        envelope: &Envelope,
        superseded: bool,
    ) -> Result<Decided> {
        let Some(plan) = plan(&envelope.event, &self.links) else {
            return Ok(Decided::default());
        };
        if plan.skip_if_superseded && superseded {
            tracing::info!(event = %envelope.id, kind = plan.kind, "a newer event of the order came first: message skipped");
            return Ok(Decided::default());
        }
        let recipients = self.recipients(&plan).await?;
        if recipients.is_empty() {
            return Ok(Decided::default());
        }
        let ids: Vec<Uuid> = recipients.iter().map(|c| c.user_id).collect();
        let stored = self.store.preferences(&mut *tx, &ids).await?;
        let mut notifications = Vec::new();
        let mut deliveries = Vec::new();
        for contact in &recipients {
            let preference = channels_of(
                stored.get(&contact.user_id).map_or(&[], Vec::as_slice),
                plan.category,
            );
            let recipient = Recipient {
                has_email: contact.email.is_some() || plan.fixed_email.is_some(),
                has_phone: contact.phone.is_some(),
                marketing_opt_in: contact.marketing_opt_in,
                active: contact.active,
            };
            let choice = channels_for(&plan, &recipient, preference);
            if !(choice.email || choice.sms || choice.in_app) {
                continue;
            }
            let rendered = self.templates.render(
                plan.kind,
                contact.locale.as_deref(),
                &contact.name,
                &plan.values,
            )?;
            if choice.in_app {
                notifications.push(Notification {
                    id: Uuid::now_v7(),
                    user_id: contact.user_id,
                    category: plan.category,
                    kind: plan.kind.to_string(),
                    title: rendered.subject.clone(),
                    body: rendered.summary.clone(),
                    link: plan.link.clone(),
                    created_at: envelope.occurred_at,
                    read_at: None,
                });
            }
            let delivery = |channel, address: Option<String>, html: Option<String>| Delivery {
                id: Uuid::now_v7(),
                event_id: envelope.id,
                user_id: contact.user_id,
                channel,
                category: plan.category,
                kind: plan.kind.to_string(),
                address,
                subject: rendered.subject.clone(),
                text_body: rendered.text.clone(),
                html_body: html,
                status: DeliveryStatus::Pending,
                attempts: 0,
                provider_message_id: None,
                last_error: None,
                created_at: envelope.occurred_at,
                sent_at: None,
            };
            if choice.email {
                deliveries.push(delivery(
                    Channel::Email,
                    plan.fixed_email.clone(),
                    Some(rendered.html.clone()),
                ));
            }
            if choice.sms {
                deliveries.push(delivery(Channel::Sms, None, None));
            }
        }
        self.store
            .insert_notifications(tx, envelope.id, &notifications)
            .await?;
        self.store.insert_deliveries(tx, &deliveries).await?;
        Ok(Decided {
            in_app: notifications.len(),
            queued: deliveries.len(),
        })
    }

    async fn recipients(&self, plan: &Plan) -> Result<Vec<Contact>> {
        Ok(match plan.audience {
            Audience::User(id) => self.users.contact(id).await?.into_iter().collect(),
            Audience::Staff => self.users.staff().await?,
            Audience::Wishlisters(product) => self.users.wishlisters(product).await?,
        })
    }
}
