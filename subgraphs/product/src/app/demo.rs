//! Deterministic demo data, loaded by the dev command: the five hand-made
//! products the README's examples use, plus a generated catalog of
//! [`GENERATED_PRODUCTS`] products in a three-level category tree, with
//! attributes and reviews, so search, facets and paging look real in the IDE.
//!
//! Everything comes from a fixed seed and fixed ids, so every run (and every
//! machine) gets the same catalog; loading it is a handful of bulk
//! statements and is skipped when it is already there.

use chrono::{Duration, TimeZone, Utc};
use uuid::Uuid;

use crate::app::catalog::Catalog;
use crate::domain::{AttributeValue, DetailsInput, NewProduct, ProductDetails, Review};

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

/// How many products the generator adds.
pub const GENERATED_PRODUCTS: usize = 1_200;

/// Departments, their categories, and the leaf categories with the nouns
/// their products are named after.
const TREE: &[(&str, &[(&str, &[(&str, &[&str])])])] = &[
    (
        "Electronics",
        &[
            (
                "Audio",
                &[
                    ("Headphones", &["Headphones", "Earbuds"]),
                    ("Speakers", &["Speaker", "Soundbar"]),
                    ("Turntables", &["Turntable", "Record Player"]),
                ],
            ),
            (
                "Computers",
                &[
                    ("Laptops", &["Laptop", "Notebook"]),
                    ("Keyboards", &["Keyboard", "Keypad"]),
                    ("Monitors", &["Monitor", "Display"]),
                ],
            ),
            (
                "Cameras",
                &[
                    ("Mirrorless", &["Mirrorless Camera", "Camera Body"]),
                    ("Lenses", &["Prime Lens", "Zoom Lens"]),
                ],
            ),
        ],
    ),
    (
        "Kitchen",
        &[
            (
                "Coffee",
                &[
                    ("Grinders", &["Grinder", "Burr Mill"]),
                    ("Brewers", &["Pour-over Dripper", "French Press"]),
                    ("Kettles", &["Kettle", "Gooseneck Kettle"]),
                ],
            ),
            (
                "Cookware",
                &[
                    ("Pans", &["Frying Pan", "Skillet"]),
                    ("Pots", &["Stock Pot", "Dutch Oven"]),
                ],
            ),
            (
                "Knives",
                &[
                    ("Chef Knives", &["Chef Knife", "Santoku"]),
                    ("Sharpeners", &["Whetstone", "Honing Rod"]),
                ],
            ),
        ],
    ),
    (
        "Outdoors",
        &[
            (
                "Camping",
                &[
                    ("Tents", &["Tent", "Shelter"]),
                    ("Sleeping Bags", &["Sleeping Bag", "Quilt"]),
                ],
            ),
            (
                "Hiking",
                &[
                    ("Backpacks", &["Backpack", "Daypack"]),
                    ("Footwear", &["Hiking Boot", "Trail Runner"]),
                ],
            ),
        ],
    ),
    (
        "Home",
        &[
            (
                "Lighting",
                &[
                    ("Desk Lamps", &["Desk Lamp", "Task Light"]),
                    ("Bulbs", &["Smart Bulb", "LED Bulb"]),
                ],
            ),
            (
                "Textiles",
                &[
                    ("Bedding", &["Duvet Cover", "Pillowcase"]),
                    ("Towels", &["Bath Towel", "Hand Towel"]),
                ],
            ),
        ],
    ),
];

const ADJECTIVES: &[&str] = &[
    "Classic", "Pro", "Compact", "Wireless", "Studio", "Travel", "Everyday", "Premium", "Lite",
    "Ultra", "Heritage", "Modern", "Rugged", "Quiet", "Smart",
];
const BRANDS: &[&str] = &[
    "Acme",
    "Northwind",
    "Hario",
    "Fellow",
    "Sony",
    "Baratza",
    "Lodge",
    "Patagonia",
    "Anker",
    "Muji",
    "Bosch",
    "Zojirushi",
];
const COLORS: &[&str] = &["black", "white", "silver", "blue", "green", "red"];
const MATERIALS: &[&str] = &["steel", "aluminium", "wood", "plastic", "cotton", "glass"];
const REVIEW_TITLES: &[(&str, &str)] = &[
    ("Disappointing", "Stopped working after a month."),
    ("Not great", "Does the job, but feels cheap."),
    ("Fine", "Exactly what the description says."),
    ("Very good", "Solid build and easy to use."),
    ("Love it", "Best purchase this year; would buy again."),
];

/// A small deterministic generator (SplitMix64): the same seed gives the
/// same catalog on every machine and every version of every crate.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const CATEGORY_BASE: u128 = 0x0000_0000_0000_7000_a000_0000_0000_0000;
const PRODUCT_BASE: u128 = 0x0000_0000_0000_7000_b000_0000_0000_0000;
const REVIEW_BASE: u128 = 0x0000_0000_0000_7000_c000_0000_0000_0000;

/// Creates the demo data that does not exist yet, with the generated
/// catalog at its default size. `reviewers` are the demo accounts of the
/// user service, who write the generated reviews.
pub async fn seed(catalog: &Catalog, reviewers: &[Uuid]) -> anyhow::Result<()> {
    seed_with(catalog, reviewers, GENERATED_PRODUCTS).await
}

/// Products written per bulk statement while generating.
const CHUNK: usize = 5_000;

/// [`seed`] with `generated` generated products (1,000 to 1,000,000 for the
/// scaling benchmarks: `cargo xtask seed --products N`). Product `n` is the
/// same on every machine whatever `generated` is, so a larger catalog
/// extends a smaller one: only the missing products are written, in chunks
/// of [`CHUNK`], and the planner's statistics are refreshed afterwards.
pub async fn seed_with(
    catalog: &Catalog,
    reviewers: &[Uuid],
    generated: usize,
) -> anyhow::Result<()> {
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
    let store = catalog.store();
    let leaves = seed_tree(catalog).await?;
    let present = store
        .count_in_id_range(generated_id(0), generated_id(generated))
        .await? as usize;
    if present >= generated {
        return Ok(());
    }
    let started = std::time::Instant::now();
    let mut reviews_written = 0;
    // Chunks are written in order, so what exists is a prefix (a run
    // stopped half-way resumes where it stopped; ON CONFLICT covers the rest).
    let first_chunk = present / CHUNK * CHUNK;
    for chunk_start in (first_chunk..generated).step_by(CHUNK) {
        let range = chunk_start..(chunk_start + CHUNK).min(generated);
        let mut products = Vec::with_capacity(range.len());
        let mut in_categories = Vec::with_capacity(range.len());
        let mut reviews = Vec::new();
        for n in range {
            let (id, product, leaf, product_reviews) = generate(n, &leaves, reviewers)?;
            products.push((id, product));
            in_categories.push((id, leaf));
            reviews.extend(product_reviews);
        }
        store.insert_many(&products).await?;
        store.add_product_categories(&in_categories).await?;
        reviews_written += store.insert_reviews(&reviews).await?;
        if generated > 10 * CHUNK && (chunk_start / CHUNK) % 20 == 19 {
            tracing::info!(
                written = chunk_start + CHUNK,
                of = generated,
                "generating the demo catalog"
            );
        }
    }
    store.analyze().await?;
    tracing::info!(
        products = generated - present,
        reviews = reviews_written,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "demo catalog generated"
    );
    Ok(())
}

/// The id of generated product `n`.
fn generated_id(n: usize) -> Uuid {
    Uuid::from_u128(PRODUCT_BASE + n as u128)
}

/// The category tree (created unless it exists): each leaf with the nouns
/// its products are named after.
async fn seed_tree(catalog: &Catalog) -> anyhow::Result<Vec<(Uuid, &'static [&'static str])>> {
    let store = catalog.store();
    let exists = store
        .category_exists(Uuid::from_u128(CATEGORY_BASE + 1))
        .await?;
    let mut leaves: Vec<(Uuid, &[&str])> = Vec::new();
    let mut next_category = 0u128;
    let mut category_id = || {
        next_category += 1;
        Uuid::from_u128(CATEGORY_BASE + next_category)
    };
    for (department, children) in TREE {
        let top = category_id();
        if !exists {
            store
                .insert_category(top, None, department, &crate::domain::slugify(department))
                .await?;
        }
        for (name, grandchildren) in *children {
            let middle = category_id();
            if !exists {
                let slug = crate::domain::slugify(&format!("{department} {name}"));
                store
                    .insert_category(middle, Some(top), name, &slug)
                    .await?;
            }
            for (leaf_name, nouns) in *grandchildren {
                let leaf = category_id();
                if !exists {
                    let slug = crate::domain::slugify(&format!("{department} {name} {leaf_name}"));
                    store
                        .insert_category(leaf, Some(middle), leaf_name, &slug)
                        .await?;
                }
                leaves.push((leaf, nouns));
            }
        }
    }
    Ok(leaves)
}

/// Generated product `n`: its id, the product, its leaf category and its
/// reviews. A pure function of `n` (its own seeded generator), so any
/// catalog size contains the same first products.
fn generate(
    n: usize,
    leaves: &[(Uuid, &[&str])],
    reviewers: &[Uuid],
) -> anyhow::Result<(Uuid, NewProduct, Uuid, Vec<Review>)> {
    let mut rng = Seeded(0x005E_ED0F_5407 ^ (n as u64).wrapping_mul(0xA076_1D64_78BD_642F));
    let id = generated_id(n);
    let (leaf, nouns) = leaves[n % leaves.len()];
    let brand = *rng.pick(BRANDS);
    let name = format!(
        "{brand} {} {} {}",
        rng.pick(ADJECTIVES),
        rng.pick(nouns),
        100 + n
    );
    let color = *rng.pick(COLORS);
    let material = *rng.pick(MATERIALS);
    let description = format!(
        "The {name} in {color} {material}. Designed for daily use, covered by a two-year warranty, shipped in recyclable packaging."
    );
    // Prices from 5 to about 900, skewed low like a real catalog.
    let cents = 500 + (rng.next() % 1000) * (1 + rng.below(90) as u64);
    let price = format!("{}.{:02}", cents / 100, cents % 100);
    let stock = match rng.below(10) {
        0 => 0,
        1 => 1 + rng.below(5) as i64,
        _ => 10 + rng.below(200) as i64,
    };
    let mut product = NewProduct::parse(&name, Some(&description), &price, "USD", stock)?;
    product.details = ProductDetails::parse(
        &DetailsInput {
            brand: Some(brand.into()),
            weight_grams: 100 + rng.below(5000) as i64,
            attributes: vec![
                ("color".into(), AttributeValue::Text(color.into())),
                ("material".into(), AttributeValue::Text(material.into())),
                ("warranty_years".into(), AttributeValue::number(2.0)?),
                (
                    "recyclable".into(),
                    AttributeValue::Boolean(rng.below(3) > 0),
                ),
            ],
            ..Default::default()
        },
        &product.name,
        &product.price,
    )?;

    // Each demo account reviews about a third of the products.
    let epoch = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);
    let mut reviews = Vec::new();
    for (r, author) in reviewers.iter().enumerate() {
        if rng.below(3) != 0 {
            continue;
        }
        // Ratings lean positive, as real ones do.
        let rating = [1, 2, 3, 4, 4, 5, 5, 5][rng.below(8)];
        let (title, body) = REVIEW_TITLES[rating as usize - 1];
        let at = epoch + Duration::minutes((n * 7 + r * 3) as i64);
        reviews.push(Review {
            id: Uuid::from_u128(REVIEW_BASE + (n * 16 + r) as u128),
            product_id: id,
            author_id: *author,
            rating,
            title: title.into(),
            body: body.into(),
            verified_purchase: rng.below(2) == 0,
            hidden: false,
            created_at: at,
            updated_at: at,
        });
    }
    Ok((id, product, leaf, reviews))
}
