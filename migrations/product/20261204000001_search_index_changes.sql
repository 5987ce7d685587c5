-- What the in-process search index (subgraphs/product/src/store/index.rs)
-- follows: every product row carries the id of the transaction that last
-- changed what the index holds of it. A replica reads the rows changed at or
-- after the oldest transaction that was still running at its last read
-- (pg_snapshot_xmin), so a transaction that commits late is never missed.

ALTER TABLE products
    ADD COLUMN search_xid XID8 NOT NULL DEFAULT pg_current_xact_id();

CREATE INDEX products_search_xid_idx ON products (search_xid);

-- Only a change the index can see moves the column: stock moves it only when
-- the product goes in or out of stock, so reservations at checkout stay cheap
-- (and stay HOT updates).
CREATE FUNCTION products_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.name, NEW.brand, NEW.description, NEW.status, NEW.deleted_at, NEW.price_minor,
        NEW.currency, NEW.on_hand - NEW.reserved > 0, NEW.rating_count, NEW.rating_sum)
       IS DISTINCT FROM
       (OLD.name, OLD.brand, OLD.description, OLD.status, OLD.deleted_at, OLD.price_minor,
        OLD.currency, OLD.on_hand - OLD.reserved > 0, OLD.rating_count, OLD.rating_sum) THEN
        NEW.search_xid := pg_current_xact_id();
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER products_search_changed BEFORE UPDATE ON products
    FOR EACH ROW EXECUTE FUNCTION products_search_changed();

-- A product's categories are part of what the index holds.
CREATE FUNCTION product_categories_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE products SET search_xid = pg_current_xact_id()
     WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.product_id ELSE NEW.product_id END;
    RETURN NULL;
END $$;

CREATE TRIGGER product_categories_search_changed AFTER INSERT OR DELETE ON product_categories
    FOR EACH ROW EXECUTE FUNCTION product_categories_search_changed();
