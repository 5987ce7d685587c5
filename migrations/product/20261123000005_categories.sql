-- Categories form a tree; a product belongs to any number of them.

CREATE TABLE categories (
    id          UUID PRIMARY KEY,
    parent_id   UUID REFERENCES categories (id),
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    slug        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT categories_slug_key UNIQUE (slug),
    CONSTRAINT categories_not_own_parent CHECK (parent_id <> id)
);

CREATE INDEX categories_parent_idx ON categories (parent_id);

CREATE TABLE product_categories (
    product_id   UUID NOT NULL REFERENCES products (id),
    category_id  UUID NOT NULL REFERENCES categories (id),
    PRIMARY KEY (product_id, category_id)
);

CREATE INDEX product_categories_category_idx ON product_categories (category_id);
