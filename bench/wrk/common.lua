-- Shared by every scenario: the data the bench command prepared, GraphQL
-- request building, error counting and the result line.
--
-- Environment (set by `cargo xtask bench`):
--   BENCH_DATA    a Lua file returning the prepared ids and tokens
--   BENCH_TARGET  "router", or the subgraph the request goes straight to
--   BENCH_SEED    makes each run's parameter sequence reproducible
--   BENCH_NONCE   unique per wrk run, for idempotency keys

data = dofile(os.getenv("BENCH_DATA"))
target = os.getenv("BENCH_TARGET") or "router"
direct = target ~= "router"

local threads = {}
local next_id = 0

-- Runs in the main state, once per wrk thread.
function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  thread:set("errors", 0)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed((tonumber(os.getenv("BENCH_SEED")) or 1) * 7919 + id)
  counter = 0
  errors = 0
  if scenario_init then scenario_init() end
end

-- A request counts as failed unless it is HTTP 200 without GraphQL errors.
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    errors = errors + 1
    if errors <= 3 and os.getenv("BENCH_VERBOSE") then
      io.stderr:write(status .. " " .. string.sub(body, 1, 300) .. "\n")
    end
  end
end

function pick(list)
  return list[math.random(#list)]
end

-- The thread's users in turn: with 64 users per thread and at most 16
-- connections on it, a user's previous request has long been answered
-- before the user is chosen again, so no two of a user's carts race.
function next_user(users)
  counter = counter + 1
  local per_thread = math.floor(#users / data.threads)
  return users[(id - 1) * per_thread + (counter % per_thread) + 1]
end

local function escape(text)
  return (text:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', ' '))
end

-- A GraphQL POST. `variables` is a JSON object as text.
function graphql(query, variables, token)
  local headers = { ["Content-Type"] = "application/json" }
  -- Straight to a subgraph, present the secret the router would.
  if os.getenv("BENCH_TARGET") ~= "router" and os.getenv("BENCH_ROUTER_SECRET") then
    headers["x-shop-router-secret"] = os.getenv("BENCH_ROUTER_SECRET")
  end
  if token then
    headers["Authorization"] = "Bearer " .. token
  end
  -- The shopper's address, as a load balancer reports it: one of 10,000
  -- in 198.18.0.0/15 (the benchmarking range). The router believes it from
  -- loopback (ROUTER_TRUSTED_PROXIES), and so do the subgraphs, so that
  -- per-client limits count shoppers, not the load generator.
  headers["X-Forwarded-For"] = "198.18." .. math.random(0, 39) .. "." .. math.random(1, 250)
  return wrk.format("POST", wrk.path, headers,
    '{"query":"' .. escape(query) .. '","variables":' .. (variables or "{}") .. '}')
end

-- One line of JSON the bench command reads: counts, latency percentiles
-- (microseconds) and enough of the distribution for a CDF.
function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + thread:get("errors")
  end
  local cdf = {}
  for _, p in ipairs({ 1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 97.5, 99, 99.5, 99.9, 100 }) do
    table.insert(cdf, string.format('[%s,%d]', p, latency:percentile(p)))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d,"mean_us":%.1f,"max_us":%d,' ..
    '"failed":%d,"socket_errors":%d,"cdf":[%s]}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.mean, latency.max, failed,
    e.connect + e.read + e.write + e.timeout, table.concat(cdf, ",")))
end
