//! The cart use cases: one server-side cart per user, priced live from the
//! product service with one `GetProducts` call per cart.

use std::collections::HashMap;
use std::sync::Arc;

use platform::money::Money;
use uuid::Uuid;

use crate::domain::pricing::{Destination, Totals, totals};
use crate::domain::{CartLine, MAX_QUANTITY, Order};
use crate::error::{Error, Result};
use crate::ports::{PricedProduct, Products};
use crate::store::OrderStore;

/// Why a cart line cannot be bought as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CartProblemKind {
    /// The product was deleted or is no longer on sale.
    Unavailable,
    /// Fewer units are available than the line asks for.
    InsufficientStock,
    /// The price is not what it was when the line was added.
    PriceChanged,
}

#[derive(Debug, Clone)]
/// Something about a cart line the customer should know before paying.
pub struct CartProblem {
    /// The cart line concerned.
    pub line_id: Uuid,
    /// Its product.
    pub product_id: Uuid,
    /// What is wrong.
    pub kind: CartProblemKind,
    /// A sentence for the customer.
    pub message: String,
    /// Units available now (for `InsufficientStock`).
    pub available: Option<i64>,
    /// The price when added and now (for `PriceChanged`).
    pub previous_price: Option<Money>,
    /// The price now (for `PriceChanged`).
    pub current_price: Option<Money>,
}

/// A cart line with its product as the product service sees it now.
#[derive(Debug, Clone)]
pub struct CartLineView {
    /// The line as stored.
    pub line: CartLine,
    /// `None` when the product no longer exists.
    pub product: Option<PricedProduct>,
}

impl CartLineView {
    /// The price to pay now: the current one, or the one when added if the
    /// product is gone.
    pub fn unit_price(&self) -> &Money {
        self.product
            .as_ref()
            .map(|p| &p.price)
            .unwrap_or(&self.line.added_price)
    }

    /// Unit price times quantity.
    pub fn line_total(&self) -> Result<Money> {
        Ok(self.unit_price().times(self.line.quantity)?)
    }
}

/// A priced cart.
#[derive(Debug, Clone, Default)]
pub struct CartView {
    /// Whose cart it is.
    pub user_id: Uuid,
    /// Its lines, oldest first.
    pub lines: Vec<CartLineView>,
}

impl CartView {
    /// Sum of the line totals; `None` for an empty cart.
    pub fn subtotal(&self) -> Result<Option<Money>> {
        let Some(first) = self.lines.first() else {
            return Ok(None);
        };
        let mut total = Money::from_minor(0, first.unit_price().currency.clone());
        for line in &self.lines {
            total = total.plus(&line.line_total()?)?;
        }
        Ok(Some(total))
    }

    /// Shipping weight of everything in the cart.
    pub fn weight_grams(&self) -> i64 {
        self.lines
            .iter()
            .filter_map(|l| {
                Some(
                    l.product
                        .as_ref()?
                        .weight_grams
                        .saturating_mul(l.line.quantity),
                )
            })
            .fold(0, i64::saturating_add)
    }

    /// Subtotal, shipping, tax and total for `destination`, with the rate
    /// table checkout uses; `None` for an empty cart.
    pub fn estimate(&self, destination: &Destination) -> Result<Option<Totals>> {
        match self.subtotal()? {
            Some(subtotal) => Ok(Some(totals(subtotal, self.weight_grams(), destination)?)),
            None => Ok(None),
        }
    }

    /// What stands in the way of checking out, per line.
    pub fn problems(&self) -> Vec<CartProblem> {
        let mut problems = Vec::new();
        for view in &self.lines {
            let line = &view.line;
            let problem = |kind, message: String| CartProblem {
                line_id: line.id,
                product_id: line.product_id,
                kind,
                message,
                available: None,
                previous_price: None,
                current_price: None,
            };
            match &view.product {
                None => problems.push(problem(
                    CartProblemKind::Unavailable,
                    "this product no longer exists".into(),
                )),
                Some(p) if !p.purchasable => problems.push(problem(
                    CartProblemKind::Unavailable,
                    format!("{} is no longer on sale", p.name),
                )),
                Some(p) => {
                    if p.available < line.quantity {
                        problems.push(CartProblem {
                            available: Some(p.available.max(0)),
                            ..problem(
                                CartProblemKind::InsufficientStock,
                                format!(
                                    "only {} of {} available, {} in the cart",
                                    p.available.max(0),
                                    p.name,
                                    line.quantity
                                ),
                            )
                        });
                    }
                    if p.price != line.added_price {
                        problems.push(CartProblem {
                            previous_price: Some(line.added_price.clone()),
                            current_price: Some(p.price.clone()),
                            ..problem(
                                CartProblemKind::PriceChanged,
                                format!(
                                    "the price of {} changed from {} to {} {}",
                                    p.name,
                                    line.added_price.amount_string(),
                                    p.price.amount_string(),
                                    p.price.currency
                                ),
                            )
                        });
                    }
                }
            }
        }
        problems
    }
}

/// Lines of an order that [`Carts::reorder`] could not put back.
#[derive(Debug, Clone)]
pub struct SkippedLine {
    /// The product that was not put back.
    pub product_id: Uuid,
    /// Its name, as the order recorded it.
    pub product_name: String,
    /// Why it was skipped.
    pub reason: String,
}

/// The cart use cases: one server-side cart per user, priced by the product
/// service in one call.
pub struct Carts {
    store: OrderStore,
    products: Arc<dyn Products>,
}

fn check_quantity(quantity: i64, allow_zero: bool) -> Result<()> {
    let min = if allow_zero { 0 } else { 1 };
    if (min..=MAX_QUANTITY).contains(&quantity) {
        Ok(())
    } else {
        Err(Error::invalid(
            "quantity",
            format!("quantity must be between {min} and {MAX_QUANTITY}"),
        ))
    }
}

impl Carts {
    /// The use cases over their store and the product service.
    pub fn new(store: OrderStore, products: Arc<dyn Products>) -> Self {
        Self { store, products }
    }

    /// The user's cart, priced now: one SQL statement and one `GetProducts`
    /// call, however many lines.
    pub async fn view(&self, user_id: Uuid) -> Result<CartView> {
        let lines = self.store.cart(user_id).await?;
        let ids: Vec<Uuid> = lines.iter().map(|l| l.product_id).collect();
        let (found, _) = self.products.lookup(&ids).await?;
        let mut by_id: HashMap<Uuid, PricedProduct> =
            found.into_iter().map(|p| (p.id, p)).collect();
        Ok(CartView {
            user_id,
            lines: lines
                .into_iter()
                .map(|line| CartLineView {
                    product: by_id.remove(&line.product_id),
                    line,
                })
                .collect(),
        })
    }

    /// Adds units of a product (merged into its line if it has one).
    pub async fn add(&self, user_id: Uuid, product_id: Uuid, quantity: i64) -> Result<CartView> {
        check_quantity(quantity, false)?;
        let product = self
            .products
            .prices(&[product_id])
            .await?
            .into_iter()
            .next()
            .ok_or(Error::UnknownProduct(product_id))?;
        if !product.purchasable {
            return Err(Error::ProductUnavailable(product_id));
        }
        self.store
            .add_to_cart(user_id, product_id, quantity, &product.price)
            .await?;
        self.view(user_id).await
    }

    /// Sets a line's quantity; 0 removes it.
    pub async fn update(&self, user_id: Uuid, line_id: Uuid, quantity: i64) -> Result<CartView> {
        check_quantity(quantity, true)?;
        if quantity == 0 {
            self.store.remove_cart_line(user_id, line_id).await?;
        } else {
            self.store
                .set_cart_quantity(user_id, line_id, quantity)
                .await?;
        }
        self.view(user_id).await
    }

    /// Removes one line of the caller's cart.
    pub async fn remove(&self, user_id: Uuid, line_id: Uuid) -> Result<CartView> {
        self.store.remove_cart_line(user_id, line_id).await?;
        self.view(user_id).await
    }

    /// Empties the caller's cart.
    pub async fn clear(&self, user_id: Uuid) -> Result<CartView> {
        self.store.clear_cart(user_id).await?;
        self.view(user_id).await
    }

    /// Copies an order's lines into the cart at today's prices. Lines whose
    /// product is gone, not on sale or out of stock are skipped and
    /// reported; a line that would pass 99 units is capped.
    pub async fn reorder(
        &self,
        user_id: Uuid,
        order: &Order,
    ) -> Result<(CartView, Vec<SkippedLine>)> {
        let ids: Vec<Uuid> = order.lines.iter().map(|l| l.product_id).collect();
        let (found, _) = self.products.lookup(&ids).await?;
        let by_id: HashMap<Uuid, PricedProduct> = found.into_iter().map(|p| (p.id, p)).collect();
        let in_cart: HashMap<Uuid, i64> = self
            .store
            .cart(user_id)
            .await?
            .into_iter()
            .map(|l| (l.product_id, l.quantity))
            .collect();
        let mut skipped = Vec::new();
        for line in &order.lines {
            let skip = |reason: &str| SkippedLine {
                product_id: line.product_id,
                product_name: line.product_name.clone(),
                reason: reason.into(),
            };
            let Some(product) = by_id.get(&line.product_id) else {
                skipped.push(skip("the product no longer exists"));
                continue;
            };
            if !product.purchasable {
                skipped.push(skip("the product is no longer on sale"));
                continue;
            }
            if product.available <= 0 {
                skipped.push(skip("the product is out of stock"));
                continue;
            }
            let room = MAX_QUANTITY - in_cart.get(&line.product_id).copied().unwrap_or(0);
            let quantity = line.quantity.min(room).min(product.available);
            if quantity <= 0 {
                skipped.push(skip("the cart already holds 99 units of it"));
                continue;
            }
            match self
                .store
                .add_to_cart(user_id, line.product_id, quantity, &product.price)
                .await
            {
                Ok(()) => {}
                Err(Error::InvalidInput { message, .. }) => skipped.push(skip(&message)),
                Err(other) => return Err(other),
            }
        }
        Ok((self.view(user_id).await?, skipped))
    }
}
