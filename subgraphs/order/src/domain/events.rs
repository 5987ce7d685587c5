//! The events an order publishes (`platform::events::contract`), built from
//! the domain types. Pure: the use cases write them to the outbox in the
//! transaction of the change.

use platform::events::Event;
use platform::events::contract::{
    EventMoney, OrderCancelled, OrderLine as EventLine, OrderPaid, OrderPaymentFailed,
    OrderProgress, OrderRefunded, OrderShipped, ReturnDecision,
};
use platform::money::MoneyError;
use uuid::Uuid;

use super::lifecycle::OrderStatus;
use super::{Order, Refund};

/// `order.paid`: the receipt, with the invoice's number and id.
pub fn paid(order: &Order, invoice_id: Uuid, invoice_number: String) -> Result<Event, MoneyError> {
    let lines = order
        .lines
        .iter()
        .map(|line| {
            Ok(EventLine {
                product_id: line.product_id,
                name: line.product_name.clone(),
                quantity: u32::try_from(line.quantity).unwrap_or(u32::MAX),
                unit_price: EventMoney::from(&line.unit_price),
                line_total: EventMoney::from(&line.total()?),
            })
        })
        .collect::<Result<Vec<_>, MoneyError>>()?;
    Ok(Event::OrderPaid(OrderPaid {
        order_id: order.id,
        user_id: order.user_id,
        invoice_number,
        invoice_id,
        lines,
        subtotal: (&order.subtotal).into(),
        shipping: (&order.shipping).into(),
        tax: (&order.tax).into(),
        total: (&order.total).into(),
    }))
}

/// `order.payment_failed`.
pub fn payment_failed(order_id: Uuid, user_id: Uuid, reason: &str) -> Event {
    Event::OrderPaymentFailed(OrderPaymentFailed {
        order_id,
        user_id,
        reason: reason.to_string(),
    })
}

/// `order.cancelled`.
pub fn cancelled(order: &Order, reason: &str) -> Event {
    Event::OrderCancelled(OrderCancelled {
        order_id: order.id,
        user_id: order.user_id,
        reason: reason.to_string(),
    })
}

/// The event of a plain status change, for the statuses that have one
/// (`order.fulfilling`, `order.delivered`).
pub fn progressed(order: &Order, to: OrderStatus) -> Option<Event> {
    let progress = OrderProgress {
        order_id: order.id,
        user_id: order.user_id,
    };
    match to {
        OrderStatus::Fulfilling => Some(Event::OrderFulfilling(progress)),
        OrderStatus::Delivered => Some(Event::OrderDelivered(progress)),
        _ => None,
    }
}

/// `order.shipped`.
pub fn shipped(order: &Order, carrier: &str, tracking_number: &str) -> Event {
    Event::OrderShipped(OrderShipped {
        order_id: order.id,
        user_id: order.user_id,
        carrier: carrier.to_string(),
        tracking_number: tracking_number.to_string(),
    })
}

/// `order.refunded`, once the provider paid the refund out.
pub fn refunded(user_id: Uuid, refund: &Refund) -> Event {
    Event::OrderRefunded(OrderRefunded {
        order_id: refund.order_id,
        user_id,
        refund_id: refund.id,
        amount: (&refund.amount).into(),
    })
}

/// Which step of a return an event reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnStep {
    /// The customer asked.
    Requested,
    /// Staff approved.
    Approved,
    /// Staff rejected.
    Rejected,
}

/// `order.return_requested`, `order.return_approved` or `order.return_rejected`.
pub fn return_step(
    step: ReturnStep,
    order_id: Uuid,
    user_id: Uuid,
    return_id: Uuid,
    reason: Option<&str>,
) -> Event {
    let decision = ReturnDecision {
        order_id,
        user_id,
        return_id,
        reason: reason.map(str::to_string),
    };
    match step {
        ReturnStep::Requested => Event::ReturnRequested(decision),
        ReturnStep::Approved => Event::ReturnApproved(decision),
        ReturnStep::Rejected => Event::ReturnRejected(decision),
    }
}
