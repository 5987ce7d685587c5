// Search and category listings: facets (categories, brands, price), sort,
// "in stock only", typo correction shown to the shopper, cursor paging.
import { useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { useQuery } from "urql";
import { ErrorNote, formatMoney, Pager } from "@shop/shared";
import type { ProductFilter, ProductSort } from "@shop/shared/src/gql/graphql";
import { CategoriesDocument, ProductsDocument } from "../operations";
import { ProductCard } from "../components";

const SORTS: [ProductSort, string][] = [
  ["RELEVANCE", "Relevance"],
  ["BEST_SELLING", "Best selling"],
  ["PRICE_ASC", "Price, low to high"],
  ["PRICE_DESC", "Price, high to low"],
  ["RATING", "Rating"],
  ["NEWEST", "Newest"],
];

export function Search() {
  const [params, setParams] = useSearchParams();
  const [after, setAfter] = useState<string[]>([]);
  const q = params.get("q") ?? "";
  const brands = params.getAll("brand");
  const categoryId = params.get("category") ?? undefined;
  const inStock = params.get("inStock") === "1";
  const min = params.get("min");
  const max = params.get("max");
  const sort = (params.get("sort") as ProductSort | null) ?? (q ? "RELEVANCE" : "BEST_SELLING");
  const filter: ProductFilter = {
    search: q || undefined,
    categoryId,
    brands,
    inStock,
    price: min || max ? { currency: "USD", min: min ?? undefined, max: max ?? undefined } : undefined,
  };
  const [{ data, error, fetching }] = useQuery({
    query: ProductsDocument,
    variables: { filter, sort, first: 24, after: after[after.length - 1] },
  });
  const products = data?.products;
  const [categories] = useQuery({ query: CategoriesDocument });
  const category = categories.data?.categories.find((c) => c.id === categoryId);
  const subcategories = categories.data?.categories.filter((c) => c.parent?.id === categoryId && categoryId) ?? [];

  function update(change: (p: URLSearchParams) => void) {
    const next = new URLSearchParams(params);
    change(next);
    setAfter([]);
    setParams(next);
  }
  const toggleBrand = (brand: string) =>
    update((p) => {
      const all = p.getAll("brand");
      p.delete("brand");
      (all.includes(brand) ? all.filter((b) => b !== brand) : [...all, brand]).forEach((b) => p.append("brand", b));
    });

  return (
    <div className="with-sidebar">
      <aside aria-labelledby="filters-heading">
        <h2 id="filters-heading">Filters</h2>
        <label className="check">
          <input type="checkbox" checked={inStock} onChange={(e) => update((p) => (e.target.checked ? p.set("inStock", "1") : p.delete("inStock")))} />
          In stock only
        </label>
        {products?.facets.categories.length ? (
          <fieldset>
            <legend>Category</legend>
            <ul className="facets">
              {products.facets.categories.map((f) =>
                f.category ? (
                  <li key={f.category.id}>
                    <button type="button" className="link" aria-pressed={categoryId === f.category.id} onClick={() => update((p) => p.set("category", f.category!.id))}>
                      {f.category.name} ({f.count})
                    </button>
                  </li>
                ) : null,
              )}
            </ul>
            {categoryId ? (
              <button type="button" className="link" onClick={() => update((p) => p.delete("category"))}>
                Any category
              </button>
            ) : null}
          </fieldset>
        ) : null}
        {products?.facets.brands.length ? (
          <fieldset>
            <legend>Brand</legend>
            {products.facets.brands.map((f) => (
              <label key={f.brand} className="check">
                <input type="checkbox" checked={brands.includes(f.brand)} onChange={() => toggleBrand(f.brand)} />
                {f.brand} ({f.count})
              </label>
            ))}
          </fieldset>
        ) : null}
        {products?.facets.priceBuckets.length ? (
          <fieldset>
            <legend>Price</legend>
            <ul className="facets">
              {products.facets.priceBuckets.map((b) => (
                <li key={b.min.amount}>
                  <button
                    type="button"
                    className="link"
                    aria-pressed={min === b.min.amount}
                    onClick={() =>
                      update((p) => {
                        p.set("min", b.min.amount);
                        if (b.max) p.set("max", b.max.amount);
                        else p.delete("max");
                      })
                    }
                  >
                    {formatMoney(b.min)}
                    {b.max ? ` – ${formatMoney(b.max)}` : " and up"} ({b.count})
                  </button>
                </li>
              ))}
            </ul>
            {min || max ? (
              <button type="button" className="link" onClick={() => update((p) => (p.delete("min"), p.delete("max")))}>
                Any price
              </button>
            ) : null}
          </fieldset>
        ) : null}
      </aside>
      <section aria-labelledby="results-heading">
        <h1 id="results-heading">{q ? `Results for “${q}”` : category ? category.name : "Products"}</h1>
        {subcategories.length ? (
          <nav aria-label="Subcategories" className="tabs">
            {subcategories.map((c) => (
              <Link key={c.id} to={`/category/${c.id}`}>
                {c.name}
              </Link>
            ))}
          </nav>
        ) : null}
        {products?.searchedAs ? (
          <p className="note" data-testid="searched-as">
            Showing results for <strong>{products.searchedAs}</strong>.{" "}
          </p>
        ) : null}
        <div className="toolbar">
          <span>
            {products ? `${products.totalCount}${products.totalCountIsExact ? "" : "+"} product${products.totalCount === 1 ? "" : "s"}` : fetching ? "Searching…" : ""}
          </span>
          <label>
            Sort{" "}
            <select value={sort} onChange={(e) => update((p) => p.set("sort", e.target.value))}>
              {SORTS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ErrorNote error={error} />
        {products && !products.nodes.length ? (
          <p>
            Nothing matches. <Link to="/search">See all products</Link>.
          </p>
        ) : null}
        <ul className="grid">
          {products?.nodes.map((p) => (
            <ProductCard key={p.id} product={p} />
          ))}
        </ul>
        <Pager after={after} setAfter={setAfter} pageInfo={products?.pageInfo} className="toolbar" />
      </section>
    </div>
  );
}
