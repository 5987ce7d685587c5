-- The fuller product model: identifiers, compare-at price, images, weight,
-- a lifecycle status and soft deletion.

ALTER TABLE products
    ADD COLUMN slug                TEXT,
    ADD COLUMN brand               TEXT,
    ADD COLUMN sku                 TEXT,
    ADD COLUMN compare_at_minor    BIGINT CHECK (compare_at_minor >= 0),
    -- Ordered list of {"url": ..., "alt": ...}.
    ADD COLUMN images              JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN weight_grams        INTEGER NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),
    ADD COLUMN status              TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('DRAFT', 'ACTIVE', 'ARCHIVED')),
    ADD COLUMN deleted_at          TIMESTAMPTZ;

-- Existing rows get a slug from their id; new ones get one from their name.
UPDATE products SET slug = 'p-' || replace(id::text, '-', '') WHERE slug IS NULL;
ALTER TABLE products ALTER COLUMN slug SET NOT NULL;

CREATE UNIQUE INDEX products_slug_key ON products (slug);
CREATE UNIQUE INDEX products_sku_key ON products (sku) WHERE sku IS NOT NULL;
