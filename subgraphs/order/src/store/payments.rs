//! Payments, invoices, refunds and saved payment methods.

use chrono::{DateTime, Utc};
use platform::events::Event;
use platform::money::Money;
use sqlx::{Postgres, Transaction};
use uuid::Uuid;

use super::{OrderStore, corrupt, currency};
use crate::domain::{
    Actor, ActorKind, Invoice, Party, Payment, PaymentStatus, Refund, RefundStatus,
    SavedPaymentMethod,
};
use crate::error::{Error, Result};

impl OrderStore {
    /// The payments of `order_ids`, oldest first (one statement).
    pub async fn payments(&self, order_ids: &[Uuid]) -> Result<Vec<Payment>> {
        self.payments_where("order_id = ANY($1)", order_ids).await
    }

    async fn payments_where(&self, condition: &str, ids: &[Uuid]) -> Result<Vec<Payment>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: Uuid,
            order_id: Uuid,
            status: String,
            amount_minor: i64,
            currency: String,
            brand: String,
            last4: String,
            authorization_ref: Option<String>,
            capture_ref: Option<String>,
            failure_reason: Option<String>,
            created_at: DateTime<Utc>,
        }
        let rows = sqlx::query_as::<_, Row>(&format!(
            "SELECT id, order_id, status, amount_minor, currency, brand, last4, authorization_ref, \
             capture_ref, failure_reason, created_at FROM payments WHERE {condition} ORDER BY created_at, id"
        ))
        .bind(ids)
        .fetch_all(self.db.exec())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(Payment {
                    id: r.id,
                    order_id: r.order_id,
                    status: PaymentStatus::parse(&r.status)
                        .ok_or_else(|| corrupt(format!("payment status {:?}", r.status)))?,
                    amount: Money::from_minor(r.amount_minor, currency(&r.currency)?),
                    brand: r.brand,
                    last4: r.last4.trim().to_string(),
                    authorization_ref: r.authorization_ref,
                    capture_ref: r.capture_ref,
                    failure_reason: r.failure_reason,
                    created_at: r.created_at,
                })
            })
            .collect()
    }

    /// Records a new payment attempt inside `tx`.
    pub async fn insert_payment(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        payment: &Payment,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO payments (id, order_id, status, amount_minor, currency, brand, last4, \
             authorization_ref, capture_ref, failure_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(payment.id)
        .bind(payment.order_id)
        .bind(payment.status.as_str())
        .bind(payment.amount.amount_minor)
        .bind(payment.amount.currency.as_str())
        .bind(&payment.brand)
        .bind(&payment.last4)
        .bind(&payment.authorization_ref)
        .bind(&payment.capture_ref)
        .bind(&payment.failure_reason)
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok(())
    }

    /// Moves a payment to `status` inside `tx`, setting the capture reference
    /// or the failure reason when given.
    pub async fn update_payment(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        payment_id: Uuid,
        status: PaymentStatus,
        capture_ref: Option<&str>,
        failure_reason: Option<&str>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE payments SET status = $2, capture_ref = COALESCE($3, capture_ref), \
             failure_reason = COALESCE($4, failure_reason), updated_at = clock_timestamp() WHERE id = $1",
        )
        .bind(payment_id)
        .bind(status.as_str())
        .bind(capture_ref)
        .bind(failure_reason)
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok(())
    }

    /// Issues the invoice of `order_id` inside `tx`, taking the next number;
    /// returns its id and number.
    /// The counter row is locked until `tx` ends, so numbers are handed out
    /// in commit order and a rolled-back transaction leaves no gap.
    pub async fn issue_invoice(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        order_id: Uuid,
        seller: &Party,
        buyer: &Party,
    ) -> Result<(Uuid, i64)> {
        let id = Uuid::now_v7();
        let number: i64 = sqlx::query_scalar(
            "UPDATE invoice_counter SET last = last + 1 WHERE only_row RETURNING last",
        )
        .fetch_one(self.db.counted(&mut **tx))
        .await?;
        sqlx::query(
            "INSERT INTO invoices (id, order_id, number, seller, buyer) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(order_id)
        .bind(number)
        .bind(sqlx::types::Json(seller))
        .bind(sqlx::types::Json(buyer))
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok((id, number))
    }

    /// Invoices by order id or by invoice id (one statement).
    pub async fn invoices(&self, order_ids: &[Uuid], invoice_ids: &[Uuid]) -> Result<Vec<Invoice>> {
        let rows: Vec<(
            Uuid,
            Uuid,
            i64,
            DateTime<Utc>,
            sqlx::types::Json<Party>,
            sqlx::types::Json<Party>,
        )> = sqlx::query_as(
            "SELECT id, order_id, number, issued_at, seller, buyer FROM invoices \
                 WHERE order_id = ANY($1) OR id = ANY($2)",
        )
        .bind(order_ids)
        .bind(invoice_ids)
        .fetch_all(self.db.exec())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, order_id, number, issued_at, seller, buyer)| Invoice {
                id,
                order_id,
                number,
                issued_at,
                seller: seller.0,
                buyer: buyer.0,
            })
            .collect())
    }

    /// Money captured on an order and not refunded yet (refunds still
    /// pending count as refunded), with the payment to refund from.
    pub async fn refundable(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        order_id: Uuid,
    ) -> Result<Option<(Uuid, i64)>> {
        let row: Option<(Uuid, i64, i64)> = sqlx::query_as(
            "SELECT p.id, p.amount_minor, COALESCE((SELECT SUM(r.amount_minor) FROM refunds r \
             WHERE r.payment_id = p.id AND r.status <> 'FAILED'), 0)::bigint \
             FROM payments p WHERE p.order_id = $1 AND p.status = 'CAPTURED' ORDER BY p.created_at LIMIT 1",
        )
        .bind(order_id)
        .fetch_optional(self.db.counted(&mut **tx))
        .await?;
        Ok(row.map(|(payment, captured, refunded)| (payment, captured - refunded)))
    }

    /// Records a refund inside `tx`.
    pub async fn insert_refund(
        &self,
        tx: &mut Transaction<'_, Postgres>,
        refund: &Refund,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO refunds (id, order_id, payment_id, amount_minor, currency, status, reason, \
             provider_ref, return_id, actor_kind, actor_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(refund.id)
        .bind(refund.order_id)
        .bind(refund.payment_id)
        .bind(refund.amount.amount_minor)
        .bind(refund.amount.currency.as_str())
        .bind(refund.status.as_str())
        .bind(&refund.reason)
        .bind(&refund.provider_ref)
        .bind(refund.return_id)
        .bind(refund.actor.kind.as_str())
        .bind(refund.actor.user_id)
        .execute(self.db.counted(&mut **tx))
        .await?;
        Ok(())
    }

    /// Settles a pending refund with the provider's answer, and writes
    /// `event` (the refund's announcement) in the same transaction when the
    /// refund was still pending.
    pub async fn settle_refund(
        &self,
        refund_id: Uuid,
        status: RefundStatus,
        provider_ref: Option<&str>,
        event: Option<Event>,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let settled = sqlx::query(
            "UPDATE refunds SET status = $2, provider_ref = COALESCE($3, provider_ref), \
             updated_at = clock_timestamp() WHERE id = $1 AND status = 'PENDING'",
        )
        .bind(refund_id)
        .bind(status.as_str())
        .bind(provider_ref)
        .execute(self.db.counted(&mut *tx))
        .await?
        .rows_affected();
        if settled == 1
            && let Some(event) = event
        {
            self.emit(&mut tx, event).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The refunds of `order_ids`, oldest first (one statement).
    pub async fn refunds(&self, order_ids: &[Uuid]) -> Result<Vec<Refund>> {
        self.refunds_where("order_id = ANY($1)", order_ids, true)
            .await
    }

    /// Refunds still waiting for the provider, oldest first.
    pub async fn pending_refunds(&self) -> Result<Vec<Refund>> {
        self.refunds_where(
            "status = 'PENDING' AND updated_at < clock_timestamp() - interval '5 seconds' AND cardinality($1::uuid[]) = 0",
            &[],
            // The worker's poll is not counted: it belongs to no request.
            false,
        )
        .await
    }

    async fn refunds_where(
        &self,
        condition: &str,
        ids: &[Uuid],
        counted: bool,
    ) -> Result<Vec<Refund>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: Uuid,
            order_id: Uuid,
            payment_id: Uuid,
            amount_minor: i64,
            currency: String,
            status: String,
            reason: String,
            provider_ref: Option<String>,
            return_id: Option<Uuid>,
            actor_kind: String,
            actor_id: Option<Uuid>,
            created_at: DateTime<Utc>,
        }
        let sql = format!(
            "SELECT id, order_id, payment_id, amount_minor, currency, status, reason, provider_ref, \
             return_id, actor_kind, actor_id, created_at FROM refunds WHERE {condition} ORDER BY created_at, id"
        );
        let rows = sqlx::query_as::<_, Row>(&sql).bind(ids);
        let rows = if counted {
            rows.fetch_all(self.db.exec()).await?
        } else {
            rows.fetch_all(self.db.pool()).await?
        };
        rows.into_iter()
            .map(|r| {
                Ok(Refund {
                    id: r.id,
                    order_id: r.order_id,
                    payment_id: r.payment_id,
                    amount: Money::from_minor(r.amount_minor, currency(&r.currency)?),
                    status: RefundStatus::parse(&r.status)
                        .ok_or_else(|| corrupt(format!("refund status {:?}", r.status)))?,
                    reason: r.reason,
                    provider_ref: r.provider_ref,
                    return_id: r.return_id,
                    actor: Actor {
                        kind: ActorKind::parse(&r.actor_kind)
                            .ok_or_else(|| corrupt(format!("actor {:?}", r.actor_kind)))?,
                        user_id: r.actor_id,
                    },
                    created_at: r.created_at,
                })
            })
            .collect()
    }

    /// A user's saved payment methods, oldest first.
    pub async fn payment_methods(&self, user_id: Uuid) -> Result<Vec<SavedPaymentMethod>> {
        self.payment_methods_where("user_id = $1", user_id).await
    }

    /// One of `user_id`'s saved methods; another user's is `NOT_FOUND`.
    pub async fn payment_method(&self, user_id: Uuid, id: Uuid) -> Result<SavedPaymentMethod> {
        self.payment_methods_where("user_id = $1", user_id)
            .await?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or(Error::Missing {
                what: "payment method",
                field: "savedPaymentMethodId",
            })
    }

    async fn payment_methods_where(
        &self,
        condition: &str,
        user_id: Uuid,
    ) -> Result<Vec<SavedPaymentMethod>> {
        let rows: Vec<(Uuid, Uuid, String, String, String, i16, i16, DateTime<Utc>)> =
            sqlx::query_as(&format!(
                "SELECT id, user_id, provider_token, brand, last4, exp_month, exp_year, created_at \
                 FROM payment_methods WHERE {condition} ORDER BY created_at, id"
            ))
            .bind(user_id)
            .fetch_all(self.db.exec())
            .await?;
        Ok(rows
            .into_iter()
            .map(
                |(id, user_id, provider_token, brand, last4, exp_month, exp_year, created_at)| {
                    SavedPaymentMethod {
                        id,
                        user_id,
                        provider_token,
                        brand,
                        last4,
                        exp_month,
                        exp_year,
                        created_at,
                    }
                },
            )
            .collect())
    }

    /// Saves a payment method.
    pub async fn insert_payment_method(&self, method: &SavedPaymentMethod) -> Result<()> {
        sqlx::query(
            "INSERT INTO payment_methods (id, user_id, provider_token, brand, last4, exp_month, exp_year, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(method.id)
        .bind(method.user_id)
        .bind(&method.provider_token)
        .bind(&method.brand)
        .bind(&method.last4)
        .bind(method.exp_month)
        .bind(method.exp_year)
        .bind(method.created_at)
        .execute(self.db.exec())
        .await?;
        Ok(())
    }

    /// Removes one of `user_id`'s saved methods; false when there was none.
    pub async fn delete_payment_method(&self, user_id: Uuid, id: Uuid) -> Result<bool> {
        Ok(
            sqlx::query("DELETE FROM payment_methods WHERE id = $1 AND user_id = $2")
                .bind(id)
                .bind(user_id)
                .execute(self.db.exec())
                .await?
                .rows_affected()
                == 1,
        )
    }
}
