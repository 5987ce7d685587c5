import { Link } from "react-router-dom";
import { useQuery } from "urql";
import { ErrorNote } from "@shop/shared";
import { CategoriesDocument, ProductsDocument } from "../operations";
import { ProductCard } from "../components";

type Category = { id: string; name: string; parent?: { id: string } | null };

/** The category tree as nested lists, built from the flat list. */
export function CategoryTree({ categories, parent = null }: { categories: Category[]; parent?: string | null }) {
  const children = categories.filter((c) => (c.parent?.id ?? null) === parent);
  if (!children.length) return null;
  return (
    <ul className="tree">
      {children.map((c) => (
        <li key={c.id}>
          <Link to={`/category/${c.id}`}>{c.name}</Link>
          <CategoryTree categories={categories} parent={c.id} />
        </li>
      ))}
    </ul>
  );
}

export function Home() {
  const [categories] = useQuery({ query: CategoriesDocument });
  const [best] = useQuery({ query: ProductsDocument, variables: { sort: "BEST_SELLING", first: 8 } });
  return (
    <div className="with-sidebar">
      <aside aria-labelledby="categories-heading">
        <h2 id="categories-heading">Categories</h2>
        <ErrorNote error={categories.error} />
        {categories.data ? <CategoryTree categories={categories.data.categories} /> : null}
      </aside>
      <section aria-labelledby="best-heading">
        <h1 id="best-heading">Best sellers</h1>
        <ErrorNote error={best.error} />
        <ul className="grid">
          {best.data?.products.nodes.map((p) => (
            <ProductCard key={p.id} product={p} />
          ))}
        </ul>
      </section>
    </div>
  );
}
