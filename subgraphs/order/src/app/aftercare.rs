//! What happens to an order after checkout: fulfilment and shipping,
//! confirmation (or automatic completion), cancellations, refunds and
//! returns. Every status change goes through
//! [`check_transition`](crate::domain::check_transition).
//!
//! Money and stock move after the database says so: a cancellation or a
//! received return writes its refund (`PENDING`) and the stock to put back
//! in the same transaction as the status change, under a lock on the order
//! row. The provider and the product service are then called with keys
//! derived from those rows, so the request or, after a crash, the background
//! worker can repeat the calls without refunding or restocking twice. Because
//! a pending refund already counts, concurrent refunds can never add up to
//! more than was captured.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use platform::auth::{Principal, Role};
use platform::money::Money;
use uuid::Uuid;

use crate::app::ordering::may_see;
use crate::domain::events::{self, ReturnStep};
use crate::domain::{
    Actor, ActorKind, Order, OrderStatus, Payment, PaymentStatus, Refund, RefundStatus, ReturnLine,
    ReturnRequest, ReturnStatus, check_transition, check_transition_for,
};
use crate::error::{Error, Result};
use crate::ports::Products;
use crate::ports::{PaymentError, PaymentGateway};
use crate::store::OrderStore;

/// How long after delivery a customer may ask for a return.
pub const RETURN_WINDOW: Duration = Duration::from_secs(30 * 24 * 3600);

/// Everything after payment: fulfilment, shipping, delivery and
/// completion, cancellations, refunds, returns and restocking, and the
/// background work that retries refunds and restocks.
pub struct Aftercare {
    store: OrderStore,
    products: Arc<dyn Products>,
    gateway: Arc<dyn PaymentGateway>,
    /// Delivered orders are completed automatically after this long.
    auto_complete_after: Duration,
}

fn text(field: &'static str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    if value.is_empty() || value.chars().count() > max {
        return Err(Error::invalid(
            field,
            format!("{field} must be 1 to {max} characters"),
        ));
    }
    Ok(value.to_string())
}

impl Aftercare {
    /// The use cases over their store, the product service and the provider.
    pub fn new(
        store: OrderStore,
        products: Arc<dyn Products>,
        gateway: Arc<dyn PaymentGateway>,
        auto_complete_after: Duration,
    ) -> Self {
        Self {
            store,
            products,
            gateway,
            auto_complete_after,
        }
    }

    /// The order, if the caller may see it, and who the caller acts as for
    /// the move to `to`: the customer for their own order when the move is
    /// theirs to make, else staff.
    async fn order_and_actor(
        &self,
        caller: &Principal,
        order_id: Uuid,
        to: OrderStatus,
    ) -> Result<(Order, Actor)> {
        let order = self.store.by_id(order_id).await?;
        if !may_see(caller, order.user_id) {
            return Err(Error::NotFound);
        }
        let owner = order.user_id == caller.user_id;
        let as_customer = check_transition(order.status, to, ActorKind::Customer).is_ok();
        let actor = if caller.has_role(Role::Staff) && !(owner && as_customer) {
            Actor::staff(caller.user_id)
        } else {
            Actor::customer(caller.user_id)
        };
        Ok((order, actor))
    }

    /// Checks a move with the state machine. A customer asking for a move
    /// only staff ever make (fulfil, ship, deliver, receive a return) is
    /// `FORBIDDEN`; any other illegal move is `CONFLICT` with the current
    /// status.
    fn allow(&self, from: OrderStatus, to: OrderStatus, actor: Actor) -> Result<()> {
        check_transition_for(from, to, actor).map_err(|err| {
            let customers_ever = OrderStatus::ALL
                .into_iter()
                .any(|f| check_transition(f, to, ActorKind::Customer).is_ok());
            if actor.kind == ActorKind::Customer && !customers_ever {
                Error::Forbidden(format!("only staff may move an order to {}", to.as_str()))
            } else {
                err.into()
            }
        })
    }

    /// A status change with nothing else attached: staff marking an order
    /// `FULFILLING` or `DELIVERED`, a customer confirming receipt
    /// (`COMPLETED`).
    pub async fn move_to(
        &self,
        caller: &Principal,
        order_id: Uuid,
        to: OrderStatus,
        note: Option<&str>,
    ) -> Result<Order> {
        let (order, actor) = self.order_and_actor(caller, order_id, to).await?;
        self.allow(order.status, to, actor)?;
        let note = match note {
            Some(note) => text("note", note, 500)?,
            None => match to {
                OrderStatus::Fulfilling => "being picked and packed".into(),
                OrderStatus::Delivered => "delivered by the carrier".into(),
                OrderStatus::Completed => "receipt confirmed by the customer".into(),
                _ => String::new(),
            },
        };
        let mut tx = self.store.begin().await?;
        self.store
            .change_status(&mut tx, order_id, order.status, to, actor, &note)
            .await?;
        if let Some(event) = events::progressed(&order, to) {
            self.store.emit(&mut tx, event).await?;
        }
        if to == OrderStatus::Delivered {
            self.store.set_delivered(&mut tx, order_id).await?;
            self.store
                .add_shipment_event(&mut tx, order_id, "DELIVERED", &note, None)
                .await?;
        }
        tx.commit().await?;
        self.store.by_id(order_id).await
    }

    /// Staff hand the order to a carrier.
    pub async fn ship(
        &self,
        caller: &Principal,
        order_id: Uuid,
        carrier: &str,
        tracking_number: &str,
    ) -> Result<Order> {
        let carrier = text("carrier", carrier, 100)?;
        let tracking_number = text("trackingNumber", tracking_number, 100)?;
        let (order, actor) = self
            .order_and_actor(caller, order_id, OrderStatus::Shipped)
            .await?;
        self.allow(order.status, OrderStatus::Shipped, actor)?;
        let mut tx = self.store.begin().await?;
        self.store
            .change_status(
                &mut tx,
                order_id,
                order.status,
                OrderStatus::Shipped,
                actor,
                &format!("handed to {carrier}, tracking number {tracking_number}"),
            )
            .await?;
        self.store
            .insert_shipment(&mut tx, order_id, &carrier, &tracking_number)
            .await?;
        self.store
            .emit(&mut tx, events::shipped(&order, &carrier, &tracking_number))
            .await?;
        self.store
            .add_shipment_event(
                &mut tx,
                order_id,
                "IN_TRANSIT",
                &format!("handed to {carrier}"),
                None,
            )
            .await?;
        tx.commit().await?;
        self.store.by_id(order_id).await
    }

    /// Cancels an order: customers before it ships, staff before it is
    /// delivered. A paid order is refunded in full and its stock put back.
    /// Cancelling a cancelled order changes nothing.
    pub async fn cancel(
        &self,
        caller: &Principal,
        order_id: Uuid,
        reason: Option<&str>,
    ) -> Result<Order> {
        let (order, actor) = self
            .order_and_actor(caller, order_id, OrderStatus::Cancelled)
            .await?;
        if order.status == OrderStatus::Cancelled {
            return Ok(order);
        }
        check_transition_for(order.status, OrderStatus::Cancelled, actor)?;
        let reason = match reason {
            Some(reason) => text("reason", reason, 500)?,
            None => "cancelled".to_string(),
        };
        let mut tx = self.store.begin().await?;
        let status = self.store.lock_order(&mut tx, order_id).await?;
        if status == OrderStatus::Cancelled {
            return self.store.by_id(order_id).await;
        }
        check_transition_for(status, OrderStatus::Cancelled, actor)?;
        self.store
            .change_status(
                &mut tx,
                order_id,
                status,
                OrderStatus::Cancelled,
                actor,
                &reason,
            )
            .await?;
        self.store
            .emit(&mut tx, events::cancelled(&order, &reason))
            .await?;
        let mut refund = None;
        if status.was_paid() {
            if let Some((payment_id, remaining)) = self.store.refundable(&mut tx, order_id).await?
                && remaining > 0
            {
                let pending = Refund::pending(
                    order_id,
                    payment_id,
                    Money::from_minor(remaining, order.total.currency.clone()),
                    format!("order cancelled: {reason}"),
                    None,
                    actor,
                );
                self.store.insert_refund(&mut tx, &pending).await?;
                refund = Some(pending);
            }
            for line in &order.lines {
                self.store
                    .queue_restock(
                        &mut tx,
                        &format!("cancel:{order_id}:{}", line.product_id),
                        order_id,
                        line.product_id,
                        line.quantity,
                    )
                    .await?;
            }
        }
        tx.commit().await?;
        self.restock(Some(order_id)).await;
        if let Some(refund) = refund {
            self.settle_refund(refund).await?;
        }
        self.store.by_id(order_id).await
    }

    /// Refunds part or all of what is left of an order's capture (staff).
    /// `CONFLICT` with `extensions.refundable` when `amount` is more than what
    /// is left, however many refunds run at once.
    pub async fn refund(
        &self,
        caller: &Principal,
        order_id: Uuid,
        amount: &str,
        reason: &str,
    ) -> Result<Refund> {
        caller.require_role(Role::Staff)?;
        let reason = text("reason", reason, 500)?;
        let order = self.store.by_id(order_id).await?;
        let amount = Money::parse(amount, order.total.currency.as_str())
            .map_err(|e| Error::invalid("amount", e.to_string()))?;
        if amount.amount_minor <= 0 {
            return Err(Error::invalid("amount", "amount must be more than zero"));
        }
        let refund = self
            .record_refund(order_id, amount, reason, None, Actor::staff(caller.user_id))
            .await?;
        self.settle_refund(refund).await
    }

    /// Writes a pending refund under the order's lock, if it fits in what is
    /// left of the capture.
    async fn record_refund(
        &self,
        order_id: Uuid,
        amount: Money,
        reason: String,
        return_id: Option<Uuid>,
        actor: Actor,
    ) -> Result<Refund> {
        let mut tx = self.store.begin().await?;
        self.store.lock_order(&mut tx, order_id).await?;
        let (payment_id, remaining) = self
            .store
            .refundable(&mut tx, order_id)
            .await?
            .ok_or_else(|| Error::conflict("the order has no captured payment to refund"))?;
        if amount.amount_minor > remaining {
            let left = Money::from_minor(remaining, amount.currency.clone());
            return Err(Error::RefundExceedsCapture { refundable: left });
        }
        let refund = Refund::pending(order_id, payment_id, amount, reason, return_id, actor);
        self.store.insert_refund(&mut tx, &refund).await?;
        tx.commit().await?;
        Ok(refund)
    }

    /// Asks the provider for a pending refund (key `refund:<id>`, so a
    /// retry refunds once) and records the answer. A refund the provider did
    /// not answer stays pending for the worker.
    async fn settle_refund(&self, mut refund: Refund) -> Result<Refund> {
        let payment: Payment = self
            .store
            .payments(&[refund.order_id])
            .await?
            .into_iter()
            .find(|p| p.id == refund.payment_id && p.status == PaymentStatus::Captured)
            .ok_or_else(|| {
                Error::Internal(anyhow::anyhow!(
                    "refund {} has no captured payment",
                    refund.id
                ))
            })?;
        let capture = payment.capture_ref.unwrap_or_default();
        match self
            .gateway
            .refund(&format!("refund:{}", refund.id), &capture, &refund.amount)
            .await
        {
            Ok(reference) => {
                let customer = self.store.by_id(refund.order_id).await?.user_id;
                self.store
                    .settle_refund(
                        refund.id,
                        RefundStatus::Succeeded,
                        Some(&reference),
                        Some(events::refunded(customer, &refund)),
                    )
                    .await?;
                refund.status = RefundStatus::Succeeded;
                refund.provider_ref = Some(reference);
                if refund.return_id.is_some() {
                    self.finish_return_refund(refund.order_id).await?;
                }
            }
            Err(PaymentError::Timeout | PaymentError::Unavailable(_)) => {
                tracing::info!(refund = %refund.id, "refund pending: the provider did not answer");
            }
            Err(err) => {
                tracing::error!(refund = %refund.id, error = %err, "the provider refused a refund");
                self.store
                    .settle_refund(refund.id, RefundStatus::Failed, None, None)
                    .await?;
                refund.status = RefundStatus::Failed;
            }
        }
        Ok(refund)
    }

    /// A returned order whose refund went through is `REFUNDED`.
    async fn finish_return_refund(&self, order_id: Uuid) -> Result<()> {
        let mut tx = self.store.begin().await?;
        if self.store.lock_order(&mut tx, order_id).await? == OrderStatus::Returned {
            check_transition_for(OrderStatus::Returned, OrderStatus::Refunded, Actor::SYSTEM)?;
            self.store
                .change_status(
                    &mut tx,
                    order_id,
                    OrderStatus::Returned,
                    OrderStatus::Refunded,
                    Actor::SYSTEM,
                    "the return was refunded",
                )
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Puts back queued stock (of one order, or all), each with its key.
    /// Failures stay queued for the worker.
    async fn restock(&self, order_id: Option<Uuid>) {
        let pending = match self.store.pending_restocks(order_id).await {
            Ok(pending) => pending,
            Err(err) => {
                tracing::warn!(error = %err, "could not read pending restocks");
                return;
            }
        };
        for item in pending {
            let note = format!("order {}", item.order_id);
            match self
                .products
                .restock_return(&item.key, item.product_id, item.quantity, note)
                .await
            {
                Ok(()) => {
                    if let Err(err) = self.store.restock_done(&item.key).await {
                        tracing::warn!(key = item.key, error = %err, "restocked, but could not mark it done; the retry is idempotent");
                    }
                }
                Err(err) => tracing::warn!(key = item.key, error = %err, "restock pending"),
            }
        }
    }

    /// A customer asks to return lines of a delivered order, within 30 days
    /// of delivery.
    pub async fn request_return(
        &self,
        caller: &Principal,
        order_id: Uuid,
        lines: Vec<ReturnLine>,
        reason: &str,
    ) -> Result<ReturnRequest> {
        let reason = text("reason", reason, 500)?;
        let order = self.store.by_id(order_id).await?;
        if order.user_id != caller.user_id {
            return Err(Error::NotFound);
        }
        let actor = Actor::customer(caller.user_id);
        check_transition_for(order.status, OrderStatus::ReturnRequested, actor)?;
        let delivered = self
            .store
            .delivered_at(order_id)
            .await?
            .unwrap_or(order.updated_at);
        if Utc::now() - delivered > chrono::Duration::from_std(RETURN_WINDOW).unwrap_or_default() {
            return Err(Error::conflict(
                "returns are accepted within 30 days of delivery",
            ));
        }
        if lines.is_empty() {
            return Err(Error::invalid("lines", "name at least one line to return"));
        }
        let mut merged: Vec<ReturnLine> = Vec::new();
        for line in lines {
            let ordered = order
                .lines
                .iter()
                .find(|l| l.product_id == line.product_id)
                .ok_or_else(|| {
                    Error::invalid(
                        "lines",
                        format!("product {} is not in this order", line.product_id),
                    )
                })?;
            let already = merged.iter().position(|m| m.product_id == line.product_id);
            let total = line.quantity + already.map(|i| merged[i].quantity).unwrap_or(0);
            if line.quantity < 1 || total > ordered.quantity {
                return Err(Error::invalid(
                    "lines",
                    format!(
                        "quantity must be between 1 and {} for product {}",
                        ordered.quantity, line.product_id
                    ),
                ));
            }
            match already {
                Some(i) => merged[i].quantity = total,
                None => merged.push(line),
            }
        }
        let request = ReturnRequest {
            id: Uuid::now_v7(),
            order_id,
            status: ReturnStatus::Requested,
            reason: reason.clone(),
            lines: merged,
            created_at: Utc::now(),
        };
        let mut tx = self.store.begin().await?;
        self.store
            .change_status(
                &mut tx,
                order_id,
                order.status,
                OrderStatus::ReturnRequested,
                actor,
                &format!("return requested: {reason}"),
            )
            .await?;
        self.store.insert_return(&mut tx, &request).await?;
        self.store
            .emit(
                &mut tx,
                events::return_step(
                    ReturnStep::Requested,
                    order_id,
                    order.user_id,
                    request.id,
                    Some(&reason),
                ),
            )
            .await?;
        tx.commit().await?;
        Ok(request)
    }

    async fn staff_return(&self, caller: &Principal, return_id: Uuid) -> Result<ReturnRequest> {
        caller.require_role(Role::Staff)?;
        self.store.return_by_id(return_id).await
    }

    /// Staff accept a return request; the customer sends the items back.
    pub async fn approve_return(
        &self,
        caller: &Principal,
        return_id: Uuid,
    ) -> Result<ReturnRequest> {
        let request = self.staff_return(caller, return_id).await?;
        let mut tx = self.store.begin().await?;
        self.store.lock_order(&mut tx, request.order_id).await?;
        if !self
            .store
            .set_return_status(
                &mut tx,
                return_id,
                ReturnStatus::Requested,
                ReturnStatus::Approved,
            )
            .await?
        {
            return Err(Error::conflict(format!(
                "the return is {}, not REQUESTED",
                request.status.as_str()
            )));
        }
        let customer = self.store.by_id(request.order_id).await?.user_id;
        self.store
            .emit(
                &mut tx,
                events::return_step(
                    ReturnStep::Approved,
                    request.order_id,
                    customer,
                    return_id,
                    None,
                ),
            )
            .await?;
        tx.commit().await?;
        self.store.return_by_id(return_id).await
    }

    /// Staff refuse a return request; the order goes back to `DELIVERED`.
    pub async fn reject_return(
        &self,
        caller: &Principal,
        return_id: Uuid,
        note: &str,
    ) -> Result<ReturnRequest> {
        let note = text("note", note, 500)?;
        let request = self.staff_return(caller, return_id).await?;
        let actor = Actor::staff(caller.user_id);
        let mut tx = self.store.begin().await?;
        let status = self.store.lock_order(&mut tx, request.order_id).await?;
        check_transition_for(status, OrderStatus::Delivered, actor)?;
        let rejected = self
            .store
            .set_return_status(
                &mut tx,
                return_id,
                ReturnStatus::Requested,
                ReturnStatus::Rejected,
            )
            .await?
            || self
                .store
                .set_return_status(
                    &mut tx,
                    return_id,
                    ReturnStatus::Approved,
                    ReturnStatus::Rejected,
                )
                .await?;
        if !rejected {
            return Err(Error::conflict(format!(
                "the return is {}",
                request.status.as_str()
            )));
        }
        self.store
            .change_status(
                &mut tx,
                request.order_id,
                status,
                OrderStatus::Delivered,
                actor,
                &format!("return rejected: {note}"),
            )
            .await?;
        let customer = self.store.by_id(request.order_id).await?.user_id;
        self.store
            .emit(
                &mut tx,
                events::return_step(
                    ReturnStep::Rejected,
                    request.order_id,
                    customer,
                    return_id,
                    Some(&note),
                ),
            )
            .await?;
        tx.commit().await?;
        self.store.return_by_id(return_id).await
    }

    /// Staff receive the returned items: they are restocked (`AdjustStock`,
    /// reason `RETURN`) and refunded, by default the lines' price with their
    /// share of tax, or `refund_amount` (0 for none), never more than what is
    /// left of the capture. The order becomes `RETURNED`, then `REFUNDED`
    /// once the refund goes through.
    pub async fn receive_return(
        &self,
        caller: &Principal,
        return_id: Uuid,
        refund_amount: Option<&str>,
    ) -> Result<Order> {
        let request = self.staff_return(caller, return_id).await?;
        let actor = Actor::staff(caller.user_id);
        let order = self.store.by_id(request.order_id).await?;
        let amount = match refund_amount {
            Some(amount) => Money::parse(amount, order.total.currency.as_str())
                .map_err(|e| Error::invalid("refundAmount", e.to_string()))?,
            None => {
                let mut goods = Money::from_minor(0, order.total.currency.clone());
                for line in &request.lines {
                    if let Some(ordered) =
                        order.lines.iter().find(|l| l.product_id == line.product_id)
                    {
                        goods = goods.plus(&ordered.unit_price.times(line.quantity)?)?;
                    }
                }
                let tax = crate::domain::pricing::tax(&goods, order.tax_rate_bp.max(0) as u32)?;
                goods.plus(&tax)?
            }
        };
        if amount.amount_minor < 0 {
            return Err(Error::invalid(
                "refundAmount",
                "refundAmount cannot be negative",
            ));
        }
        let mut tx = self.store.begin().await?;
        let status = self.store.lock_order(&mut tx, request.order_id).await?;
        check_transition_for(status, OrderStatus::Returned, actor)?;
        if !self
            .store
            .set_return_status(
                &mut tx,
                return_id,
                ReturnStatus::Approved,
                ReturnStatus::Received,
            )
            .await?
        {
            return Err(Error::conflict(format!(
                "the return is {}; approve it before receiving it",
                request.status.as_str()
            )));
        }
        self.store
            .change_status(
                &mut tx,
                request.order_id,
                status,
                OrderStatus::Returned,
                actor,
                "returned items received and restocked",
            )
            .await?;
        for line in &request.lines {
            self.store
                .queue_restock(
                    &mut tx,
                    &format!("return:{return_id}:{}", line.product_id),
                    request.order_id,
                    line.product_id,
                    line.quantity,
                )
                .await?;
        }
        let mut refund = None;
        if amount.amount_minor > 0 {
            let (payment_id, remaining) = self
                .store
                .refundable(&mut tx, request.order_id)
                .await?
                .ok_or_else(|| {
                Error::conflict("the order has no captured payment to refund")
            })?;
            let pending = Refund::pending(
                request.order_id,
                payment_id,
                Money::from_minor(amount.amount_minor.min(remaining), amount.currency.clone()),
                format!("return: {}", request.reason),
                Some(return_id),
                actor,
            );
            if pending.amount.amount_minor > 0 {
                self.store.insert_refund(&mut tx, &pending).await?;
                refund = Some(pending);
            }
        }
        tx.commit().await?;
        self.restock(Some(request.order_id)).await;
        match refund {
            Some(refund) => {
                self.settle_refund(refund).await?;
            }
            None => self.finish_return_refund(request.order_id).await?,
        }
        self.store.by_id(request.order_id).await
    }

    /// One pass of the background worker: pending refunds and restocks, and
    /// delivered orders whose confirmation window has passed.
    pub async fn work_off(&self) -> Result<()> {
        for refund in self.store.pending_refunds().await? {
            self.settle_refund(refund).await?;
        }
        self.restock(None).await;
        for order_id in self
            .store
            .due_for_completion(self.auto_complete_after)
            .await?
        {
            let mut tx = self.store.begin().await?;
            if self.store.lock_order(&mut tx, order_id).await? == OrderStatus::Delivered {
                self.store
                    .change_status(
                        &mut tx,
                        order_id,
                        OrderStatus::Delivered,
                        OrderStatus::Completed,
                        Actor::SYSTEM,
                        "completed automatically after the confirmation window",
                    )
                    .await?;
            }
            tx.commit().await?;
        }
        Ok(())
    }
}
