-- Checkout: each request puts one unit in the user's cart and checks it
-- out with the test card, in one operation (mutation fields run in order),
-- with a fresh idempotency key. Users take turns, so no two checkouts of
-- one user overlap.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local query = "mutation($p: ID!, $i: CheckoutInput!) { addToCart(productId: $p, quantity: 1) { itemCount } " ..
  "checkout(input: $i) { id status total { amount } } }"

function request()
  local user = next_user(data.checkout_users)
  local key = string.format("bench-%s-%s-%s-%d-%d", data.run, os.getenv("BENCH_NONCE"), target, id, counter)
  return graphql(query, string.format(
    '{"p":"%s","i":{"idempotencyKey":"%s","shippingAddressId":"%s","paymentMethod":{"token":"tok_visa"}}}',
    pick(data.stock_products), key, user.address), user.token)
end
