-- Search, typed attributes, reviews with maintained rating aggregates, and
-- units sold (for the best-selling sort).
--
-- pg_trgm is installed into this schema by the bootstrap (it needs
-- administrator rights), see platform::db::PRODUCT_DB.

ALTER TABLE products
    -- Typed specifications: {"color": "black", "wattage": 40, "wireless": true}.
    ADD COLUMN attributes    JSONB NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    -- Visible reviews only; kept by the trigger below so listings never aggregate.
    ADD COLUMN rating_count  INTEGER NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    ADD COLUMN rating_sum    BIGINT NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
    -- Units sold through committed reservations.
    ADD COLUMN units_sold    BIGINT NOT NULL DEFAULT 0 CHECK (units_sold >= 0);

ALTER TABLE products
    ADD COLUMN rating_avg NUMERIC GENERATED ALWAYS AS
        (CASE WHEN rating_count > 0 THEN round(rating_sum::numeric / rating_count, 2) END) STORED,
    -- Full-text search, weighted: name (A) over brand (B) over description (C).
    ADD COLUMN search_vector TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english', name), 'A')
        || setweight(to_tsvector('english', coalesce(brand, '')), 'B')
        || setweight(to_tsvector('english', description), 'C')) STORED,
    -- What the trigram fallback compares a misspelled query with.
    ADD COLUMN search_text TEXT GENERATED ALWAYS AS (lower(name || ' ' || coalesce(brand, ''))) STORED;

CREATE INDEX products_search_idx ON products USING GIN (search_vector);
CREATE INDEX products_search_trgm_idx ON products USING GIN (search_text gin_trgm_ops);
CREATE INDEX products_attributes_idx ON products USING GIN (attributes jsonb_path_ops);
CREATE INDEX products_price_idx ON products (price_minor, id);
CREATE INDEX products_rating_idx ON products ((coalesce(rating_avg, 0)), id);
CREATE INDEX products_units_sold_idx ON products (units_sold, id);
CREATE INDEX products_brand_idx ON products (brand);

-- One review per author and product; staff may hide one.
CREATE TABLE reviews (
    id                 UUID PRIMARY KEY,
    product_id         UUID NOT NULL REFERENCES products (id),
    -- A user of the user service (no foreign key across services).
    author_id          UUID NOT NULL,
    rating             SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title              TEXT NOT NULL CHECK (length(title) <= 200),
    body               TEXT NOT NULL CHECK (length(body) <= 10000),
    -- Set from OrderService.HasPurchased when the review is written.
    verified_purchase  BOOLEAN NOT NULL DEFAULT false,
    hidden             BOOLEAN NOT NULL DEFAULT false,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT reviews_one_per_author UNIQUE (product_id, author_id)
);

CREATE INDEX reviews_product_idx ON reviews (product_id, created_at DESC, id DESC);
CREATE INDEX reviews_author_idx ON reviews (author_id, created_at DESC, id DESC);

-- Keeps products.rating_count and rating_sum equal to the visible reviews,
-- in the same transaction as the review change, whatever code path made it.
CREATE FUNCTION reviews_maintain_rating() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND NOT OLD.hidden THEN
        UPDATE products SET rating_count = rating_count - 1, rating_sum = rating_sum - OLD.rating
         WHERE id = OLD.product_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NOT NEW.hidden THEN
        UPDATE products SET rating_count = rating_count + 1, rating_sum = rating_sum + NEW.rating
         WHERE id = NEW.product_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER reviews_rating AFTER INSERT OR UPDATE OF rating, hidden, product_id OR DELETE ON reviews
    FOR EACH ROW EXECUTE FUNCTION reviews_maintain_rating();
