-- The SQL one checkout performs, across the three services' schemas, in the
-- order the saga runs it (crates/router/benches/checkout.rs runs it with
-- pgbench next to the real checkouts). Variables: :user_id, :address_id,
-- :product_id. Each transaction of the script is one checkout.
SELECT gen_random_uuid() AS oid, gen_random_uuid() AS pay, md5(random()::text) AS ikey \gset
-- order: the cart, the idempotency key
SELECT id, product_id, quantity, added_price_minor, currency, added_at FROM orders.cart_lines WHERE user_id = ':user_id' ORDER BY added_at, id;
SELECT order_id FROM orders.checkouts WHERE user_id = ':user_id' AND idempotency_key = ':ikey';
-- user: GetUser, GetAddress
SELECT id, email, name, roles FROM users.users WHERE id = ':user_id';
SELECT id, recipient, line1, city, postal_code, country FROM users.addresses WHERE id = ':address_id' AND user_id = ':user_id';
-- order: the saga starts
INSERT INTO orders.checkouts (order_id, user_id, idempotency_key, request, cart, plan, step, lease_until)
VALUES (':oid', ':user_id', ':ikey', 'r', 'c', '{}', 'STARTED', now() + interval '30 seconds') ON CONFLICT (user_id, idempotency_key) DO NOTHING;
-- product: GetProducts, then ReserveStock
SELECT id, name, price_minor, currency, on_hand, reserved, weight_grams FROM products.products WHERE id = ANY(ARRAY[':product_id']::uuid[]);
BEGIN;
INSERT INTO products.reservations (id, status, expires_at) VALUES (':oid', 'HELD', now() + interval '15 minutes');
UPDATE products.products SET reserved = reserved + 1 WHERE id = ':product_id' AND on_hand - reserved >= 1;
INSERT INTO products.reservation_lines (reservation_id, product_id, quantity) VALUES (':oid', ':product_id', 1);
COMMIT;
UPDATE orders.checkouts SET step = 'RESERVED', lease_until = now() + interval '30 seconds', updated_at = now() WHERE order_id = ':oid';
-- order: the order, PENDING_PAYMENT
BEGIN;
INSERT INTO orders.orders (id, user_id, status, currency, subtotal_minor, shipping_minor, tax_minor, tax_rate_bp, total_minor, shipping_address, created_at, updated_at)
VALUES (':oid', ':user_id', 'PENDING_PAYMENT', 'USD', 1000, 499, 109, 725, 1608, '{}', now(), now());
INSERT INTO orders.order_lines (order_id, line_no, product_id, product_name, sku, quantity, unit_price_minor) VALUES (':oid', 1, ':product_id', 'x', NULL, 1, 1000);
INSERT INTO orders.order_events (order_id, status, actor_kind, note) VALUES (':oid', 'PENDING_PAYMENT', 'SYSTEM', 'checkout started');
UPDATE orders.checkouts SET step = 'ORDER_CREATED', lease_until = now() + interval '30 seconds' WHERE order_id = ':oid';
COMMIT;
-- authorize
SELECT * FROM orders.orders WHERE id = ':oid';
SELECT * FROM orders.order_lines WHERE order_id = ':oid';
SELECT kind FROM orders.simulated_gateway_operations WHERE idempotency_key = 'authorize:' || ':oid';
INSERT INTO orders.simulated_gateway_operations (idempotency_key, kind, reference, token, amount_minor, currency, succeeded)
VALUES ('authorize:' || ':oid', 'AUTHORIZE', 'sim_auth_' || ':oid', 'tok_visa', 1608, 'USD', true) ON CONFLICT DO NOTHING;
BEGIN;
INSERT INTO orders.payments (id, order_id, status, amount_minor, currency, brand, last4, authorization_ref) VALUES (':pay', ':oid', 'AUTHORIZED', 1608, 'USD', 'Visa', '4242', 'sim_auth_' || ':oid');
UPDATE orders.checkouts SET step = 'AUTHORIZED' WHERE order_id = ':oid';
COMMIT;
-- capture
SELECT * FROM orders.orders WHERE id = ':oid';
SELECT * FROM orders.order_lines WHERE order_id = ':oid';
SELECT * FROM orders.payments WHERE order_id = ':oid';
SELECT kind FROM orders.simulated_gateway_operations WHERE idempotency_key = 'capture:' || ':oid';
SELECT kind, token FROM orders.simulated_gateway_operations WHERE reference = 'sim_auth_' || ':oid' AND kind = 'AUTHORIZE';
SELECT EXISTS (SELECT 1 FROM orders.simulated_gateway_operations WHERE parent_ref = 'sim_auth_' || ':oid' AND kind = 'VOID');
INSERT INTO orders.simulated_gateway_operations (idempotency_key, kind, reference, parent_ref, amount_minor, currency, succeeded)
VALUES ('capture:' || ':oid', 'CAPTURE', 'sim_cap_' || ':oid', 'sim_auth_' || ':oid', 1608, 'USD', true) ON CONFLICT DO NOTHING;
BEGIN;
UPDATE orders.payments SET status = 'CAPTURED', capture_ref = 'sim_cap_' || ':oid' WHERE id = ':pay';
UPDATE orders.checkouts SET step = 'CAPTURED' WHERE order_id = ':oid';
COMMIT;
-- product: CommitReservation
BEGIN;
UPDATE products.reservations SET status = 'COMMITTED', updated_at = now() WHERE id = ':oid' AND status = 'HELD';
UPDATE products.products SET on_hand = on_hand - 1, reserved = reserved - 1 WHERE id = ':product_id';
INSERT INTO products.stock_movements (id, product_id, delta, reason, reference, on_hand_after) VALUES (gen_random_uuid(), ':product_id', -1, 'SALE', ':oid', 1);
COMMIT;
-- order: PAID, the invoice, the cart
BEGIN;
UPDATE orders.orders SET status = 'PAID', updated_at = now() WHERE id = ':oid' AND status = 'PENDING_PAYMENT';
INSERT INTO orders.order_events (order_id, status, actor_kind, note) VALUES (':oid', 'PAID', 'SYSTEM', 'payment captured');
UPDATE orders.invoice_counter SET last = last + 1 WHERE only_row RETURNING last \gset
INSERT INTO orders.invoices (id, order_id, number, seller, buyer) VALUES (gen_random_uuid(), ':oid', :last, '{}', '{}');
DELETE FROM orders.cart_lines WHERE user_id = ':user_id' AND id = ANY(ARRAY[]::uuid[]);
UPDATE orders.checkouts SET step = 'COMPLETED', outcome = '"Paid"', lease_until = now() WHERE order_id = ':oid';
COMMIT;
SELECT * FROM orders.orders WHERE id = ':oid';
SELECT * FROM orders.order_lines WHERE order_id = ':oid';
