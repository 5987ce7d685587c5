//! A typed Rust client of the shop's supergraph, beside the web apps.
//!
//! The request and response types are generated at build time by
//! `graphql_client` from the committed `supergraph.graphql` and the
//! operations in `queries/shop.graphql`: an operation that no longer
//! matches the schema fails the build, as `npm run codegen:check` does for
//! the web apps.
//!
//! It logs in and runs the federated `me { orders { lines { product } } }`
//! query. With `--checkout-first` it first buys one product in stock with
//! the test card `tok_visa` (to a new address), so there is an order to show.
//!
//! ```text
//! cargo run -p shop-client -- [--checkout-first]
//! ```
//!
//! `SHOP_GRAPHQL_URL` (default `http://127.0.0.1:4000/`, the router),
//! `SHOP_EMAIL` and `SHOP_PASSWORD` (default the demo customer).

use anyhow::{Context, bail};
use graphql_client::{GraphQLQuery, Response};

/// The operations of `queries/shop.graphql`, one type each, with the
/// request and response types `graphql_client` generates beside them.
mod operations {
    // Generated code: its modules and fields carry the schema's names, not docs.
    #![allow(missing_docs)]
    use graphql_client::GraphQLQuery;

    macro_rules! operation {
        ($name:ident) => {
            #[derive(GraphQLQuery)]
            #[graphql(
                schema_path = "../../supergraph.graphql",
                query_path = "queries/shop.graphql",
                response_derives = "Debug"
            )]
            pub struct $name;
        };
    }

    operation!(Login);
    operation!(MyOrders);
    operation!(InStock);
    operation!(AddToCart);
    operation!(AddAddress);
    operation!(Checkout);
}

use operations::*;

/// A connection to the supergraph, with the bearer token once logged in.
struct Client {
    http: reqwest::Client,
    url: String,
    token: Option<String>,
}

impl Client {
    /// Sends `Q` with `variables`; a GraphQL error is an error here, with
    /// its `extensions.code`.
    async fn run<Q: GraphQLQuery>(
        &self,
        variables: Q::Variables,
    ) -> anyhow::Result<Q::ResponseData> {
        let mut request = self.http.post(&self.url).json(&Q::build_query(variables));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response: Response<Q::ResponseData> = request
            .send()
            .await
            .with_context(|| format!("cannot reach {}", self.url))?
            .json()
            .await
            .context("the answer is not a GraphQL response")?;
        if let Some(errors) = response.errors.filter(|e| !e.is_empty()) {
            let described: Vec<String> = errors
                .iter()
                .map(|e| {
                    let code = e
                        .extensions
                        .as_ref()
                        .and_then(|x| x.get("code"))
                        .and_then(|c| c.as_str())
                        .unwrap_or("?");
                    format!("{code}: {}", e.message)
                })
                .collect();
            bail!("GraphQL errors: {}", described.join("; "));
        }
        response.data.context("a GraphQL response without data")
    }
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let checkout_first = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--checkout-first") => true,
        Some(other) => bail!("unknown argument {other:?}; usage: shop-client [--checkout-first]"),
    };
    let mut client = Client {
        http: reqwest::Client::new(),
        url: env_or("SHOP_GRAPHQL_URL", "http://127.0.0.1:4000/"),
        token: None,
    };
    let email = env_or("SHOP_EMAIL", "customer@shop.test");
    let login = client
        .run::<Login>(login::Variables {
            email: email.clone(),
            password: env_or("SHOP_PASSWORD", "customer-password"),
        })
        .await?
        .login;
    println!("logged in as {} ({email})", login.user.name);
    client.token = Some(login.access_token);

    if checkout_first {
        let products = client
            .run::<InStock>(in_stock::Variables)
            .await?
            .products
            .nodes;
        let product = products.first().context("no product is in stock")?;
        client
            .run::<AddToCart>(add_to_cart::Variables {
                product_id: product.id.clone(),
            })
            .await?;
        let address = client
            .run::<AddAddress>(add_address::Variables {
                input: add_address::AddressInputObject {
                    recipient: login.user.name.clone(),
                    line1: "1 Example Street".into(),
                    line2: None,
                    city: "New York".into(),
                    region: Some("NY".into()),
                    postal_code: "10001".into(),
                    country: "US".into(),
                    phone: None,
                },
            })
            .await?
            .add_address;
        let order = client
            .run::<Checkout>(checkout::Variables {
                input: checkout::CheckoutInput {
                    idempotency_key: format!(
                        "shop-client-{}-{}",
                        std::process::id(),
                        login.user.id
                    ),
                    shipping_address_id: address.id,
                    payment_method: checkout::PaymentMethodInput {
                        token: Some("tok_visa".into()),
                        saved_payment_method_id: None,
                    },
                },
            })
            .await?
            .checkout;
        println!(
            "bought {} with tok_visa: order {} is {:?}",
            product.name, order.id, order.status
        );
    }

    let me = client
        .run::<MyOrders>(my_orders::Variables { first: 5 })
        .await?
        .me;
    println!(
        "{}'s latest orders (user, order and product subgraphs in one query):",
        me.name
    );
    for order in &me.orders.nodes {
        println!(
            "  {} {:?} {} {}",
            order.id, order.status, order.total.amount, order.total.currency
        );
        for line in &order.lines {
            println!(
                "    {} x {} (now {} {}, {:?})",
                line.quantity,
                line.product.name,
                line.product.price.amount,
                line.product.price.currency,
                line.product.stock_status
            );
        }
    }
    if checkout_first && me.orders.nodes.iter().all(|o| o.lines.is_empty()) {
        bail!("the order just placed is not in me.orders");
    }
    Ok(())
}
