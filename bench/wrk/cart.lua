-- The cart: each user in turn adds a product (one unit of a random one of
-- the well-stocked products), then views the cart, with its prices checked.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local add = "mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount total { amount } } }"
local view_federated = "{ cart { itemCount subtotal { amount } total { amount } problems { kind } " ..
  "lines { quantity unitPrice { amount } product { name stockStatus } } } }"
local view_direct = "{ cart { itemCount subtotal { amount } total { amount } problems { kind } " ..
  "lines { quantity unitPrice { amount } product { id } } } }"

function request()
  local user = next_user(data.cart_users)
  if counter % 2 == 0 then
    return graphql(add, '{"p":"' .. pick(data.stock_products) .. '"}', user.token)
  end
  return graphql(direct and view_direct or view_federated, "{}", user.token)
end
