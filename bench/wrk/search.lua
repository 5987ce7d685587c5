-- Search: one of 16 words per request (BENCH_TERMS=misspelled: one of 16
-- misspellings, which take the trigram path), 20 results with totalCount.
dofile(os.getenv("BENCH_DIR") .. "/common.lua")

local plain = { "headphones", "speaker", "laptop", "kettle", "blender", "jacket", "boots", "lamp",
  "chair", "tent", "backpack", "watch", "camera", "keyboard", "mug", "pillow" }
local misspelled = { "hedphones", "speeker", "labtop", "kettel", "blendr", "jackett", "bots", "lammp",
  "chiar", "tentt", "backpak", "wach", "camra", "keybord", "mugg", "pilow" }
local terms = os.getenv("BENCH_TERMS") == "misspelled" and misspelled or plain

local query = "query($q: String!) { products(first: 20, filter: { search: $q }) { totalCount " ..
  "edges { node { id name price { amount currency } stockStatus } } } }"

function request()
  return graphql(query, '{"q":"' .. pick(terms) .. '"}')
end
