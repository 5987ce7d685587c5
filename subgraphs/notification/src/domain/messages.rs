//! Which message an event becomes, for whom, and on which channels.

use platform::events::Event;
use platform::events::contract::ContactChannel;
use serde_json::json;
use uuid::Uuid;

use super::{Category, Channel, ChannelChoice};

/// Who a message goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// One user.
    User(Uuid),
    /// Every active STAFF (and ADMIN) user.
    Staff,
    /// Every active user with the product on their wishlist.
    Wishlisters(Uuid),
}

/// Where links in messages point.
#[derive(Debug, Clone)]
pub struct Links {
    /// The storefront (`/orders/<id>`).
    pub storefront: String,
    /// Where invoice PDFs are served (`/invoices/<id>.pdf`).
    pub invoices: String,
}

/// A message to send, decided from one event.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The template, e.g. `order_shipped`.
    pub kind: &'static str,
    /// Its category (preferences are per category).
    pub category: Category,
    /// Who gets it.
    pub audience: Audience,
    /// A security message goes on exactly this channel, whatever the
    /// preferences say.
    pub forced: Option<Channel>,
    /// An email address fixed by the event (the old address told of an
    /// email change).
    pub fixed_email: Option<String>,
    /// Progress messages ("being packed", "shipped") are dropped when a
    /// newer event of the same order was applied first.
    pub skip_if_superseded: bool,
    /// The values the template shows.
    pub values: serde_json::Value,
    /// Where the in-app notification leads.
    pub link: Option<String>,
}

/// The message `event` becomes, if any.
pub fn plan(event: &Event, links: &Links) -> Option<Plan> {
    let order_link = |id: Uuid| Some(format!("{}/orders/{id}", links.storefront));
    let base = |kind, category, audience, values| Plan {
        kind,
        category,
        audience,
        forced: None,
        fixed_email: None,
        skip_if_superseded: false,
        values,
        link: None,
    };
    let plan = match event {
        Event::UserRegistered(e) => base(
            "welcome",
            Category::Account,
            Audience::User(e.user_id),
            json!({ "name": e.name, "shop_url": links.storefront }),
        ),
        Event::PasswordResetRequested(e) => Plan {
            forced: Some(match e.channel {
                ContactChannel::Email => Channel::Email,
                ContactChannel::Sms => Channel::Sms,
            }),
            ..base(
                "password_reset",
                Category::Account,
                Audience::User(e.user_id),
                json!({ "link": e.link, "expires_at": e.expires_at.format("%H:%M UTC").to_string() }),
            )
        },
        // The link goes to the address being verified, and only there.
        Event::EmailVerificationRequested(e) => Plan {
            forced: Some(Channel::Email),
            fixed_email: Some(e.email.clone()),
            ..base(
                "email_verification",
                Category::Account,
                Audience::User(e.user_id),
                json!({ "link": e.link, "email": e.email, "expires_at": e.expires_at.format("%Y-%m-%d %H:%M UTC").to_string() }),
            )
        },
        Event::EmailChanged(e) => Plan {
            fixed_email: e.previous_email.clone(),
            ..base(
                "email_changed",
                Category::Account,
                Audience::User(e.user_id),
                json!({}),
            )
        },
        Event::OrderPaid(e) => Plan {
            link: order_link(e.order_id),
            ..base(
                "order_paid",
                Category::Orders,
                Audience::User(e.user_id),
                json!({
                    "order_id": e.order_id,
                    "invoice_number": e.invoice_number,
                    "invoice_url": format!("{}/invoices/{}.pdf", links.invoices, e.invoice_id),
                    "lines": e.lines,
                    "subtotal": e.subtotal,
                    "shipping": e.shipping,
                    "tax": e.tax,
                    "total": e.total,
                    "order_url": format!("{}/orders/{}", links.storefront, e.order_id),
                }),
            )
        },
        Event::OrderPaymentFailed(e) => Plan {
            link: order_link(e.order_id),
            ..base(
                "payment_failed",
                Category::Orders,
                Audience::User(e.user_id),
                json!({ "order_id": e.order_id, "reason": e.reason }),
            )
        },
        Event::OrderCancelled(e) => Plan {
            link: order_link(e.order_id),
            ..base(
                "order_cancelled",
                Category::Orders,
                Audience::User(e.user_id),
                json!({ "order_id": e.order_id, "reason": e.reason }),
            )
        },
        Event::OrderFulfilling(e) => Plan {
            link: order_link(e.order_id),
            skip_if_superseded: true,
            ..base(
                "order_fulfilling",
                Category::Shipping,
                Audience::User(e.user_id),
                json!({ "order_id": e.order_id }),
            )
        },
        Event::OrderShipped(e) => Plan {
            link: order_link(e.order_id),
            skip_if_superseded: true,
            ..base(
                "order_shipped",
                Category::Shipping,
                Audience::User(e.user_id),
                json!({ "order_id": e.order_id, "carrier": e.carrier, "tracking_number": e.tracking_number }),
            )
        },
        Event::OrderDelivered(e) => Plan {
            link: order_link(e.order_id),
            skip_if_superseded: true,
            ..base(
                "order_delivered",
                Category::Shipping,
                Audience::User(e.user_id),
                json!({ "order_id": e.order_id }),
            )
        },
        Event::OrderRefunded(e) => Plan {
            link: order_link(e.order_id),
            ..base(
                "order_refunded",
                Category::Orders,
                Audience::User(e.user_id),
                json!({ "order_id": e.order_id, "amount": e.amount }),
            )
        },
        Event::ReturnRequested(e) | Event::ReturnApproved(e) | Event::ReturnRejected(e) => {
            let kind = match event {
                Event::ReturnRequested(_) => "return_requested",
                Event::ReturnApproved(_) => "return_approved",
                _ => "return_rejected",
            };
            Plan {
                link: order_link(e.order_id),
                ..base(
                    kind,
                    Category::Orders,
                    Audience::User(e.user_id),
                    json!({ "order_id": e.order_id, "reason": e.reason }),
                )
            }
        }
        Event::StockLow(e) => base(
            "stock_low",
            Category::StaffAlerts,
            Audience::Staff,
            json!({ "product_id": e.product_id, "product_name": e.name, "sku": e.sku,
                    "available": e.available, "threshold": e.threshold }),
        ),
        // Only a price drop is news worth sending, and only to people who
        // wished for the product and agreed to marketing.
        Event::PriceChanged(e) if e.new_price.amount_minor < e.old_price.amount_minor => Plan {
            link: Some(format!("{}/products/{}", links.storefront, e.product_id)),
            ..base(
                "price_drop",
                Category::Marketing,
                Audience::Wishlisters(e.product_id),
                json!({ "product_name": e.name, "old_price": e.old_price, "new_price": e.new_price,
                        "product_url": format!("{}/products/{}", links.storefront, e.product_id) }),
            )
        },
        Event::PriceChanged(_) => return None,
    };
    Some(plan)
}

/// What the service knows of a recipient when it decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recipient {
    /// The account has an email address.
    pub has_email: bool,
    /// The account has a phone number.
    pub has_phone: bool,
    /// The user agreed to marketing messages.
    pub marketing_opt_in: bool,
    /// The account is active.
    pub active: bool,
}

/// The channels `plan` uses for `recipient`, given their `preference` for
/// its category.
pub fn channels_for(
    plan: &Plan,
    recipient: &Recipient,
    preference: ChannelChoice,
) -> ChannelChoice {
    let none = ChannelChoice {
        email: false,
        sms: false,
        in_app: false,
    };
    if !recipient.active {
        return none;
    }
    if let Some(channel) = plan.forced {
        return ChannelChoice {
            email: channel == Channel::Email && recipient.has_email,
            sms: channel == Channel::Sms && recipient.has_phone,
            in_app: false,
        };
    }
    match plan.category {
        Category::Marketing if !recipient.marketing_opt_in => none,
        Category::StaffAlerts => ChannelChoice {
            in_app: true,
            ..none
        },
        // The old address must hear of an email change whatever the
        // preferences say; the in-app note follows them.
        Category::Account if plan.fixed_email.is_some() => ChannelChoice {
            email: true,
            sms: false,
            in_app: preference.in_app,
        },
        _ => ChannelChoice {
            email: preference.email && recipient.has_email,
            sms: preference.sms && recipient.has_phone,
            in_app: preference.in_app,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::events::contract::{EventMoney, OrderShipped, PriceChanged};

    fn links() -> Links {
        Links {
            storefront: "https://shop".into(),
            invoices: "https://orders".into(),
        }
    }

    fn customer() -> Recipient {
        Recipient {
            has_email: true,
            has_phone: true,
            marketing_opt_in: false,
            active: true,
        }
    }

    fn shipped() -> Plan {
        plan(
            &Event::OrderShipped(OrderShipped {
                order_id: Uuid::now_v7(),
                user_id: Uuid::now_v7(),
                carrier: "DHL".into(),
                tracking_number: "T1".into(),
            }),
            &links(),
        )
        .expect("a plan")
    }

    #[test]
    fn a_user_who_turned_off_shipping_email_gets_the_in_app_message_only() {
        let preference = ChannelChoice {
            email: false,
            sms: false,
            in_app: true,
        };
        let choice = channels_for(&shipped(), &customer(), preference);
        assert_eq!(
            choice,
            ChannelChoice {
                email: false,
                sms: false,
                in_app: true
            }
        );
    }

    #[test]
    fn marketing_never_reaches_a_user_who_did_not_opt_in() {
        let money = |amount_minor| EventMoney {
            amount_minor,
            currency: "EUR".into(),
        };
        let drop = plan(
            &Event::PriceChanged(PriceChanged {
                product_id: Uuid::now_v7(),
                name: "Mug".into(),
                old_price: money(1000),
                new_price: money(800),
            }),
            &links(),
        )
        .expect("a price drop is news");
        let all = ChannelChoice {
            email: true,
            sms: true,
            in_app: true,
        };
        let none = channels_for(&drop, &customer(), all);
        assert!(!none.email && !none.sms && !none.in_app);
        let opted_in = Recipient {
            marketing_opt_in: true,
            ..customer()
        };
        assert!(channels_for(&drop, &opted_in, all).email);
        let rise = Event::PriceChanged(PriceChanged {
            product_id: Uuid::now_v7(),
            name: "Mug".into(),
            old_price: money(800),
            new_price: money(1000),
        });
        assert_eq!(plan(&rise, &links()), None, "a price rise sends nothing");
    }

    #[test]
    fn progress_messages_are_skipped_when_superseded_but_receipts_are_not() {
        assert!(shipped().skip_if_superseded);
    }

    #[test]
    fn nothing_goes_to_a_deactivated_account() {
        let inactive = Recipient {
            active: false,
            ..customer()
        };
        let choice = channels_for(&shipped(), &inactive, Category::Shipping.defaults());
        assert!(!choice.email && !choice.in_app);
    }

    #[test]
    fn email_needs_an_address_and_sms_a_phone() {
        let phone_only = Recipient {
            has_email: false,
            ..customer()
        };
        let all = ChannelChoice {
            email: true,
            sms: true,
            in_app: false,
        };
        let choice = channels_for(&shipped(), &phone_only, all);
        assert!(!choice.email && choice.sms);
    }
}
