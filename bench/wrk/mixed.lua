-- A shopping session mix, after Online Boutique's Locust profile: 70 %
-- browsing (product pages and category pages, anonymous), 20 % search
-- (one in four misspelled), 8 % cart (add, answered with the cart), 2 %
-- checkout (one more unit, then the whole cart), over
-- many signed-in users taking turns. Through the router only: it spans
-- every subgraph.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local product = "query($id: ID!) { product(id: $id) { id name description brand price { amount currency } " ..
  "stockStatus rating { average count } images { url alt } frequentlyBoughtTogether(first: 4) { id name } } }"
local listing = "query($c: ID!, $min: String!) { products(first: 20, filter: { categoryId: $c, " ..
  "price: { currency: \"USD\", min: $min } }) { totalCount facets { brands { brand count } " ..
  "priceBuckets { count } } edges { node { id name price { amount } stockStatus } } } }"
local search = "query($q: String!) { products(first: 20, filter: { search: $q }) { totalCount " ..
  "edges { node { id name price { amount } } } } }"
local add = "mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount total { amount } " ..
  "lines { product { name } } problems { kind } } }"
local checkout = "mutation($p: ID!, $i: CheckoutInput!) { addToCart(productId: $p, quantity: 1) { itemCount } " ..
  "checkout(input: $i) { id status total { amount } } }"
local terms = { "headphones", "speaker", "laptop", "kettle", "blender", "jacket", "boots", "lamp",
  "chair", "tent", "backpack", "watch", "hedphones", "labtop", "kettel", "jackett" }

function request()
  local roll = math.random(100)
  if roll <= 50 then
    return graphql(product, '{"id":"' .. pick(data.products) .. '"}')
  elseif roll <= 70 then
    local min = string.format("%d.00", math.random(0, 150))
    return graphql(listing, '{"c":"' .. pick(data.categories) .. '","min":"' .. min .. '"}')
  elseif roll <= 90 then
    return graphql(search, '{"q":"' .. pick(terms) .. '"}')
  end
  local user = next_user(data.mixed_users)
  if roll <= 98 then
    return graphql(add, '{"p":"' .. pick(data.stock_products) .. '"}', user.token)
  end
  local key = string.format("mixed-%s-%s-%d-%d", data.run, os.getenv("BENCH_NONCE"), id, counter)
  return graphql(checkout, string.format(
    '{"p":"%s","i":{"idempotencyKey":"%s","shippingAddressId":"%s","paymentMethod":{"token":"tok_visa"}}}',
    pick(data.stock_products), key, user.address), user.token)
end
