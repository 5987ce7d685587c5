-- A category page: a random category and a random price floor per request
-- (no two alike, so the router cannot merge them), 20 products with
-- totalCount and the facet sidebar.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local query = "query($c: ID!, $min: String!) { products(first: 20, filter: { categoryId: $c, " ..
  "price: { currency: \"USD\", min: $min } }, sort: PRICE_ASC) { totalCount totalCountIsExact " ..
  "facets { complete categories { count category { id name } } brands { brand count } " ..
  "priceBuckets { count min { amount } } } edges { cursor node { id name price { amount currency } stockStatus } } } }"

function request()
  local min = string.format("%d.%02d", math.random(0, 150), math.random(0, 99))
  return graphql(query, '{"c":"' .. pick(data.categories) .. '","min":"' .. min .. '"}')
end
