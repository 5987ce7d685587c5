-- The cart: users in turn either add a product (one unit of a random one
-- of the well-stocked products) or view their cart, half and half, at
-- random.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local add = "mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount total { amount } } }"
local view_federated = "{ me { cart { itemCount subtotal { amount } total { amount } problems { kind } " ..
  "lines { quantity unitPrice { amount } product { name stockStatus } } } } }"
local view_direct = "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { cart { itemCount " ..
  "subtotal { amount } total { amount } problems { kind } lines { quantity unitPrice { amount } product { id } } } } } }"

function request()
  local user = next_user(data.cart_users)
  if math.random(2) == 1 then
    return graphql(add, '{"p":"' .. pick(data.stock_products) .. '"}', user.token)
  end
  if direct then
    return graphql(view_direct, '{"r":[{"__typename":"User","id":"' .. user.id .. '"}]}', user.token)
  end
  return graphql(view_federated, "{}", user.token)
end
