//! The order state machine: every status, and the one function that says
//! which moves are allowed and who may make them.

use uuid::Uuid;

/// Where an order is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderStatus {
    /// Stock is reserved and the payment is being taken.
    PendingPayment,
    /// Paid; stock sold; waiting to be fulfilled.
    Paid,
    /// The payment was declined; the stock went back. Final.
    PaymentFailed,
    /// Staff are picking and packing it.
    Fulfilling,
    /// Handed to a carrier.
    Shipped,
    /// The carrier delivered it.
    Delivered,
    /// The customer confirmed receipt, or the confirmation window passed.
    Completed,
    /// Cancelled; a paid order was refunded and restocked. Final.
    Cancelled,
    /// The customer asked to return some lines.
    ReturnRequested,
    /// The returned items arrived and were restocked.
    Returned,
    /// The return was refunded. Final.
    Refunded,
}

impl OrderStatus {
    /// Every status.
    pub const ALL: [OrderStatus; 11] = [
        OrderStatus::PendingPayment,
        OrderStatus::Paid,
        OrderStatus::PaymentFailed,
        OrderStatus::Fulfilling,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Completed,
        OrderStatus::Cancelled,
        OrderStatus::ReturnRequested,
        OrderStatus::Returned,
        OrderStatus::Refunded,
    ];

    /// The name used in GraphQL and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "PENDING_PAYMENT",
            OrderStatus::Paid => "PAID",
            OrderStatus::PaymentFailed => "PAYMENT_FAILED",
            OrderStatus::Fulfilling => "FULFILLING",
            OrderStatus::Shipped => "SHIPPED",
            OrderStatus::Delivered => "DELIVERED",
            OrderStatus::Completed => "COMPLETED",
            OrderStatus::Cancelled => "CANCELLED",
            OrderStatus::ReturnRequested => "RETURN_REQUESTED",
            OrderStatus::Returned => "RETURNED",
            OrderStatus::Refunded => "REFUNDED",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// Whether the customer has paid and the goods count as bought (for
    /// verified reviews and `HasPurchased`).
    pub fn is_purchase(self) -> bool {
        matches!(
            self,
            OrderStatus::Paid
                | OrderStatus::Fulfilling
                | OrderStatus::Shipped
                | OrderStatus::Delivered
                | OrderStatus::Completed
                | OrderStatus::ReturnRequested
                | OrderStatus::Returned
                | OrderStatus::Refunded
        )
    }

    /// Whether the order's money was captured and not yet given back in full
    /// by a cancellation.
    pub fn was_paid(self) -> bool {
        self.is_purchase()
    }
}

/// Who makes a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActorKind {
    /// The customer who owns the order.
    Customer,
    /// A member of staff.
    Staff,
    /// The service itself: the checkout saga, recovery, timers.
    System,
}

impl ActorKind {
    /// The name used in GraphQL and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Customer => "CUSTOMER",
            ActorKind::Staff => "STAFF",
            ActorKind::System => "SYSTEM",
        }
    }

    /// The inverse of `as_str`.
    pub fn parse(value: &str) -> Option<Self> {
        [ActorKind::Customer, ActorKind::Staff, ActorKind::System]
            .into_iter()
            .find(|k| k.as_str() == value)
    }
}

/// An actor with their user id (none for the system).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// Customer, staff or system.
    pub kind: ActorKind,
    /// The user who acted; `None` for the system.
    pub user_id: Option<Uuid>,
}

impl Actor {
    /// The service itself: the saga, the worker.
    pub const SYSTEM: Actor = Actor {
        kind: ActorKind::System,
        user_id: None,
    };

    /// A customer acting on their own order.
    pub fn customer(user_id: Uuid) -> Self {
        Self {
            kind: ActorKind::Customer,
            user_id: Some(user_id),
        }
    }

    /// A staff member.
    pub fn staff(user_id: Uuid) -> Self {
        Self {
            kind: ActorKind::Staff,
            user_id: Some(user_id),
        }
    }
}

/// A move the state machine does not allow.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an order that is {} cannot become {} by {}", from.as_str(), to.as_str(), by.as_str())]
pub struct TransitionError {
    /// The status the order is in.
    pub from: OrderStatus,
    /// The status asked for.
    pub to: OrderStatus,
    /// Who asked.
    pub by: ActorKind,
}

/// The one place that says which status changes exist and who may make them.
/// Everything that changes an order's status goes through it.
pub fn check_transition(
    from: OrderStatus,
    to: OrderStatus,
    by: ActorKind,
) -> Result<(), TransitionError> {
    use ActorKind::{Customer, Staff, System};
    use OrderStatus::*;
    let allowed: &[ActorKind] = match (from, to) {
        // The checkout saga settles the payment.
        (PendingPayment, Paid | PaymentFailed) => &[System],
        // A paid order whose stock reservation lapsed is refunded.
        (PendingPayment, Cancelled) => &[System],
        (Paid, Fulfilling) | (Fulfilling, Shipped) | (Shipped, Delivered) => &[Staff],
        // Customers may cancel until the order ships; staff until delivery.
        (Paid | Fulfilling, Cancelled) => &[Customer, Staff, System],
        (Shipped, Cancelled) => &[Staff],
        // Receipt is confirmed by the customer, or by the timer.
        (Delivered, Completed) => &[Customer, System],
        (Delivered | Completed, ReturnRequested) => &[Customer],
        // Staff receive the items, or reject the request.
        (ReturnRequested, Returned) => &[Staff],
        (ReturnRequested, Delivered) => &[Staff],
        (Returned, Refunded) => &[Staff, System],
        _ => &[],
    };
    if allowed.contains(&by) {
        Ok(())
    } else {
        Err(TransitionError { from, to, by })
    }
}

/// [`check_transition`] for an actor.
pub fn check_transition_for(
    from: OrderStatus,
    to: OrderStatus,
    actor: Actor,
) -> Result<(), TransitionError> {
    check_transition(from, to, actor.kind)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ActorKind::*;
    use OrderStatus::*;

    #[test]
    fn every_status_round_trips_through_its_name() {
        for status in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(OrderStatus::parse("PLACED"), None);
    }

    #[test]
    fn customers_may_cancel_only_before_shipping_and_staff_before_delivery() {
        assert!(check_transition(Paid, Cancelled, Customer).is_ok());
        assert!(check_transition(Fulfilling, Cancelled, Customer).is_ok());
        assert!(check_transition(Shipped, Cancelled, Customer).is_err());
        assert!(check_transition(Shipped, Cancelled, Staff).is_ok());
        assert!(check_transition(Delivered, Cancelled, Staff).is_err());
    }

    #[test]
    fn only_staff_move_an_order_through_fulfilment() {
        for (from, to) in [
            (Paid, Fulfilling),
            (Fulfilling, Shipped),
            (Shipped, Delivered),
        ] {
            assert!(check_transition(from, to, Staff).is_ok());
            assert!(check_transition(from, to, Customer).is_err());
        }
        assert!(check_transition(Paid, Shipped, Staff).is_err());
    }

    #[test]
    fn final_states_have_no_way_out() {
        for from in [PaymentFailed, Cancelled, Refunded] {
            for to in OrderStatus::ALL {
                for by in [Customer, Staff, System] {
                    assert!(
                        check_transition(from, to, by).is_err(),
                        "{from:?} -> {to:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn only_the_saga_settles_a_payment() {
        assert!(check_transition(PendingPayment, Paid, System).is_ok());
        assert!(check_transition(PendingPayment, Paid, Staff).is_err());
        assert!(check_transition(PendingPayment, Cancelled, Customer).is_err());
    }
}
