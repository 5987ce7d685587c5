//! A payment provider simulator that decides outcomes from test card tokens
//! (see the README):
//!
//! | token | outcome |
//! | --- | --- |
//! | `tok_visa`, `tok_mastercard` | succeed |
//! | `tok_declined` | declined, `card_declined` |
//! | `tok_insufficient_funds` | declined, `insufficient_funds` |
//! | `tok_timeout` | the capture succeeds, but the first answer is a timeout |
//!
//! It keeps its records in PostgreSQL (`simulated_gateway_operations`), as a
//! provider keeps its own: an operation is stored under the caller's
//! idempotency key before it is answered, so a retry, even from a restarted
//! service, gets the first outcome and moves no money twice.

use std::time::Duration;

use futures::future::BoxFuture;
use platform::db::Db;
use platform::money::Money;
use uuid::Uuid;

use crate::ports::{CardDetails, PaymentError, PaymentGateway};

struct TestCard {
    token: &'static str,
    brand: &'static str,
    last4: &'static str,
    decline: Option<&'static str>,
    times_out: bool,
}

const TEST_CARDS: &[TestCard] = &[
    TestCard {
        token: "tok_visa",
        brand: "Visa",
        last4: "4242",
        decline: None,
        times_out: false,
    },
    TestCard {
        token: "tok_mastercard",
        brand: "Mastercard",
        last4: "4444",
        decline: None,
        times_out: false,
    },
    TestCard {
        token: "tok_declined",
        brand: "Visa",
        last4: "0002",
        decline: Some("card_declined"),
        times_out: false,
    },
    TestCard {
        token: "tok_insufficient_funds",
        brand: "Visa",
        last4: "9995",
        decline: Some("insufficient_funds"),
        times_out: false,
    },
    TestCard {
        token: "tok_timeout",
        brand: "Visa",
        last4: "0341",
        decline: None,
        times_out: true,
    },
];

fn test_card(token: &str) -> Option<&'static TestCard> {
    TEST_CARDS.iter().find(|c| c.token == token)
}

/// One stored operation.
#[derive(sqlx::FromRow)]
struct Operation {
    kind: String,
    reference: String,
    token: Option<String>,
    amount_minor: i64,
    succeeded: bool,
    decline_code: Option<String>,
}

impl Operation {
    fn outcome(&self) -> Result<String, PaymentError> {
        if self.succeeded {
            Ok(self.reference.clone())
        } else {
            Err(PaymentError::Declined {
                code: self.decline_code.clone().unwrap_or_default(),
            })
        }
    }
}

/// The simulator. `timeout_delay` is how long the caller waits before the
/// simulated timeout.
pub struct SimulatedGateway {
    db: Db,
    timeout_delay: Duration,
}

fn unavailable(err: sqlx::Error) -> PaymentError {
    PaymentError::Unavailable(err.to_string())
}

struct NewOperation<'a> {
    key: &'a str,
    kind: &'static str,
    parent_ref: Option<&'a str>,
    token: Option<&'a str>,
    amount: Option<&'a Money>,
    decline_code: Option<&'a str>,
}

impl SimulatedGateway {
    /// A simulator keeping its records in `db`.
    pub fn new(db: Db, timeout_delay: Duration) -> Self {
        Self { db, timeout_delay }
    }

    async fn find(&self, key: &str, kind: &str) -> Result<Option<Operation>, PaymentError> {
        let found = sqlx::query_as::<_, Operation>(
            "SELECT kind, reference, token, amount_minor, succeeded, decline_code \
             FROM simulated_gateway_operations WHERE idempotency_key = $1",
        )
        .bind(key)
        .fetch_optional(self.db.exec())
        .await
        .map_err(unavailable)?;
        match found {
            Some(op) if op.kind != kind => Err(PaymentError::Rejected(format!(
                "idempotency key {key:?} was used for a {} operation",
                op.kind
            ))),
            other => Ok(other),
        }
    }

    async fn by_reference(
        &self,
        reference: &str,
        kind: &str,
    ) -> Result<Option<Operation>, PaymentError> {
        sqlx::query_as::<_, Operation>(
            "SELECT kind, reference, token, amount_minor, succeeded, decline_code \
             FROM simulated_gateway_operations WHERE reference = $1 AND kind = $2",
        )
        .bind(reference)
        .bind(kind)
        .fetch_optional(self.db.exec())
        .await
        .map_err(unavailable)
    }

    /// Stores an operation; `Ok(None)` when another call stored one under
    /// the same key first (the caller then replays that one).
    async fn insert(&self, op: NewOperation<'_>) -> Result<Option<String>, PaymentError> {
        let prefix = match op.kind {
            "AUTHORIZE" => "sim_auth",
            "CAPTURE" => "sim_cap",
            "VOID" => "sim_void",
            _ => "sim_ref",
        };
        let reference = format!("{prefix}_{}", Uuid::now_v7().simple());
        let inserted = sqlx::query_scalar::<_, String>(
            "INSERT INTO simulated_gateway_operations \
             (idempotency_key, kind, reference, parent_ref, token, amount_minor, currency, succeeded, decline_code) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (idempotency_key) DO NOTHING RETURNING reference",
        )
        .bind(op.key)
        .bind(op.kind)
        .bind(&reference)
        .bind(op.parent_ref)
        .bind(op.token)
        .bind(op.amount.map(|a| a.amount_minor).unwrap_or(0))
        .bind(op.amount.map(|a| a.currency.to_string()))
        .bind(op.decline_code.is_none())
        .bind(op.decline_code)
        .fetch_optional(self.db.exec())
        .await;
        match inserted {
            Ok(reference) => Ok(reference),
            Err(sqlx::Error::Database(db))
                if db.constraint() == Some("simulated_gateway_one_capture_idx") =>
            {
                Err(PaymentError::Rejected(
                    "the authorization is already captured".into(),
                ))
            }
            Err(err) => Err(unavailable(err)),
        }
    }

    /// Replays the operation stored under `key`.
    async fn replay(&self, key: &str, kind: &str) -> Result<String, PaymentError> {
        self.find(key, kind)
            .await?
            .ok_or_else(|| PaymentError::Unavailable("operation vanished".into()))?
            .outcome()
    }
}

impl PaymentGateway for SimulatedGateway {
    fn card_details<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxFuture<'a, Result<CardDetails, PaymentError>> {
        Box::pin(async move {
            let card = test_card(token).ok_or(PaymentError::UnknownToken)?;
            Ok(CardDetails {
                brand: card.brand.into(),
                last4: card.last4.into(),
                exp_month: 12,
                exp_year: 2030,
            })
        })
    }

    fn authorize<'a>(
        &'a self,
        key: &'a str,
        token: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        Box::pin(async move {
            if let Some(done) = self.find(key, "AUTHORIZE").await? {
                return done.outcome();
            }
            let card = test_card(token).ok_or(PaymentError::UnknownToken)?;
            match self
                .insert(NewOperation {
                    key,
                    kind: "AUTHORIZE",
                    parent_ref: None,
                    token: Some(token),
                    amount: Some(amount),
                    decline_code: card.decline,
                })
                .await?
            {
                Some(reference) => match card.decline {
                    None => Ok(reference),
                    Some(code) => Err(PaymentError::Declined { code: code.into() }),
                },
                None => self.replay(key, "AUTHORIZE").await,
            }
        })
    }

    fn capture<'a>(
        &'a self,
        key: &'a str,
        authorization: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        Box::pin(async move {
            if let Some(done) = self.find(key, "CAPTURE").await? {
                return done.outcome();
            }
            let auth = self
                .by_reference(authorization, "AUTHORIZE")
                .await?
                .filter(|a| a.succeeded)
                .ok_or_else(|| PaymentError::Rejected("unknown authorization".into()))?;
            if amount.amount_minor > auth.amount_minor {
                return Err(PaymentError::Rejected(
                    "cannot capture more than was authorized".into(),
                ));
            }
            let voided: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM simulated_gateway_operations WHERE parent_ref = $1 AND kind = 'VOID')",
            )
            .bind(authorization)
            .fetch_one(self.db.exec())
            .await
            .map_err(unavailable)?;
            if voided {
                return Err(PaymentError::Rejected(
                    "the authorization was voided".into(),
                ));
            }
            let inserted = self
                .insert(NewOperation {
                    key,
                    kind: "CAPTURE",
                    parent_ref: Some(authorization),
                    token: auth.token.as_deref(),
                    amount: Some(amount),
                    decline_code: None,
                })
                .await?;
            match inserted {
                Some(reference) => {
                    let times_out = auth
                        .token
                        .as_deref()
                        .and_then(test_card)
                        .is_some_and(|c| c.times_out);
                    if times_out {
                        // The money moved, but the caller never hears so.
                        tokio::time::sleep(self.timeout_delay).await;
                        return Err(PaymentError::Timeout);
                    }
                    Ok(reference)
                }
                None => self.replay(key, "CAPTURE").await,
            }
        })
    }

    fn void<'a>(
        &'a self,
        key: &'a str,
        authorization: &'a str,
    ) -> BoxFuture<'a, Result<(), PaymentError>> {
        Box::pin(async move {
            if self.find(key, "VOID").await?.is_some() {
                return Ok(());
            }
            let captured: bool = sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM simulated_gateway_operations WHERE parent_ref = $1 AND kind = 'CAPTURE' AND succeeded)",
            )
            .bind(authorization)
            .fetch_one(self.db.exec())
            .await
            .map_err(unavailable)?;
            if captured {
                return Err(PaymentError::Rejected(
                    "a captured authorization cannot be voided; refund it".into(),
                ));
            }
            self.insert(NewOperation {
                key,
                kind: "VOID",
                parent_ref: Some(authorization),
                token: None,
                amount: None,
                decline_code: None,
            })
            .await?;
            Ok(())
        })
    }

    fn refund<'a>(
        &'a self,
        key: &'a str,
        capture: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        Box::pin(async move {
            if let Some(done) = self.find(key, "REFUND").await? {
                return done.outcome();
            }
            let captured = self
                .by_reference(capture, "CAPTURE")
                .await?
                .filter(|c| c.succeeded)
                .ok_or_else(|| PaymentError::Rejected("unknown capture".into()))?;
            let refunded: i64 = sqlx::query_scalar(
                "SELECT COALESCE(SUM(amount_minor), 0)::bigint FROM simulated_gateway_operations \
                 WHERE parent_ref = $1 AND kind = 'REFUND' AND succeeded",
            )
            .bind(capture)
            .fetch_one(self.db.exec())
            .await
            .map_err(unavailable)?;
            if refunded + amount.amount_minor > captured.amount_minor {
                return Err(PaymentError::Rejected(
                    "cannot refund more than was captured".into(),
                ));
            }
            match self
                .insert(NewOperation {
                    key,
                    kind: "REFUND",
                    parent_ref: Some(capture),
                    token: captured.token.as_deref(),
                    amount: Some(amount),
                    decline_code: None,
                })
                .await?
            {
                Some(reference) => Ok(reference),
                None => self.replay(key, "REFUND").await,
            }
        })
    }
}

/// A gateway with a fault injected (`SHOP_FAULTS=payment=down` or
/// `payment=slow:<ms>`, development only): down, every call is
/// `Unavailable` without reaching the provider; slow, every answer comes
/// that much later.
pub struct FaultyGateway {
    inner: std::sync::Arc<dyn PaymentGateway>,
    fault: platform::faults::Fault,
}

impl FaultyGateway {
    /// `inner` with `fault` injected into every call.
    pub fn new(inner: std::sync::Arc<dyn PaymentGateway>, fault: platform::faults::Fault) -> Self {
        tracing::warn!(
            ?fault,
            "fault injected into the payment provider (SHOP_FAULTS)"
        );
        Self { inner, fault }
    }

    async fn faulted<T>(
        &self,
        call: impl std::future::Future<Output = Result<T, PaymentError>>,
    ) -> Result<T, PaymentError> {
        match self.fault {
            platform::faults::Fault::Fail => Err(PaymentError::Unavailable(
                "the payment provider is down (fault injected)".into(),
            )),
            platform::faults::Fault::Slow(delay) => {
                let result = call.await;
                tokio::time::sleep(delay).await;
                result
            }
        }
    }
}

impl PaymentGateway for FaultyGateway {
    fn card_details<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxFuture<'a, Result<CardDetails, PaymentError>> {
        Box::pin(self.faulted(self.inner.card_details(token)))
    }

    fn authorize<'a>(
        &'a self,
        idempotency_key: &'a str,
        token: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        Box::pin(self.faulted(self.inner.authorize(idempotency_key, token, amount)))
    }

    fn capture<'a>(
        &'a self,
        idempotency_key: &'a str,
        authorization: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        Box::pin(self.faulted(self.inner.capture(idempotency_key, authorization, amount)))
    }

    fn void<'a>(
        &'a self,
        idempotency_key: &'a str,
        authorization: &'a str,
    ) -> BoxFuture<'a, Result<(), PaymentError>> {
        Box::pin(self.faulted(self.inner.void(idempotency_key, authorization)))
    }

    fn refund<'a>(
        &'a self,
        idempotency_key: &'a str,
        capture: &'a str,
        amount: &'a Money,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        Box::pin(self.faulted(self.inner.refund(idempotency_key, capture, amount)))
    }

    fn keep<'a>(
        &'a self,
        idempotency_key: &'a str,
        user_id: uuid::Uuid,
        token: &'a str,
    ) -> BoxFuture<'a, Result<String, PaymentError>> {
        Box::pin(self.faulted(self.inner.keep(idempotency_key, user_id, token)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_token_is_known_and_card_numbers_are_not() {
        for token in [
            "tok_visa",
            "tok_mastercard",
            "tok_declined",
            "tok_insufficient_funds",
            "tok_timeout",
        ] {
            assert!(test_card(token).is_some(), "{token}");
        }
        assert!(test_card("4242424242424242").is_none());
        assert!(test_card("").is_none());
    }
}
