-- The federated order history: through the router,
-- `me { orders(first: 20) { lines { product { name price } } } }` spans the
-- user, order and product subgraphs. Straight to the order subgraph, the
-- same orders are asked for as the router asks for them (`_entities` on
-- User), with only the product ids the order subgraph knows.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local federated = "{ me { id orders(first: 20) { nodes { id status total { amount } " ..
  "lines { quantity product { id name price { amount currency } } } } } } }"
local entities = "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { orders(first: 20) { " ..
  "nodes { id status total { amount } lines { quantity product { id } } } } } } }"

function request()
  local user = next_user(data.checkout_users)
  if direct then
    return graphql(entities, '{"r":[{"__typename":"User","id":"' .. user.id .. '"}]}', user.token)
  end
  return graphql(federated, "{}", user.token)
end
