-- Product detail: a random product per request, as a product page asks.
-- The same query goes to the router and straight to the product subgraph.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local query = "query($id: ID!) { product(id: $id) { id name description brand price { amount currency } " ..
  "stockStatus rating { average count } images { url alt } attributes { key } } }"

function request()
  return graphql(query, '{"id":"' .. pick(data.products) .. '"}')
end
