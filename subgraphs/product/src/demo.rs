//! Deterministic demo products, loaded by the dev command.

use uuid::Uuid;

use crate::catalog::Catalog;
use crate::domain::NewProduct;

/// `(id, name, description, price, currency, stock)`.
pub const PRODUCTS: &[(u128, &str, &str, &str, &str, i64)] = &[
    (
        0x0000_0000_0000_7000_9000_0000_0000_0001,
        "Espresso Cup",
        "Double-walled glass, 80 ml.",
        "12.50",
        "USD",
        40,
    ),
    (
        0x0000_0000_0000_7000_9000_0000_0000_0002,
        "Pour-over Kettle",
        "Gooseneck spout, 1 litre, stainless steel.",
        "49.00",
        "USD",
        15,
    ),
    (
        0x0000_0000_0000_7000_9000_0000_0000_0003,
        "Burr Grinder",
        "Conical steel burrs with 40 settings.",
        "129.99",
        "USD",
        8,
    ),
    (
        0x0000_0000_0000_7000_9000_0000_0000_0004,
        "Single-origin Beans",
        "Ethiopia Yirgacheffe, 250 g, light roast.",
        "16.75",
        "USD",
        120,
    ),
    (
        0x0000_0000_0000_7000_9000_0000_0000_0005,
        "Limited Edition Tamper",
        "Walnut handle. Only two made.",
        "89.00",
        "USD",
        2,
    ),
];

/// Creates the demo products that do not exist yet.
pub async fn seed(catalog: &Catalog) -> anyhow::Result<()> {
    let ids: Vec<Uuid> = PRODUCTS.iter().map(|p| Uuid::from_u128(p.0)).collect();
    let existing = catalog.products_by_ids(&ids).await?;
    for (id, name, description, price, currency, stock) in PRODUCTS {
        let id = Uuid::from_u128(*id);
        if existing.contains_key(&id) {
            continue;
        }
        let product = NewProduct::parse(name, Some(description), price, currency, *stock)?;
        catalog.create_product_with_id(id, product).await?;
        tracing::info!(name, "demo product created");
    }
    Ok(())
}
