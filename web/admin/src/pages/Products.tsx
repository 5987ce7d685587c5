// Products: the list, and one editor for creating and editing (images,
// attributes, categories), archiving and deleting; on an existing product
// also stock adjustments with the ledger, and review moderation.
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useMutation, useQuery } from "urql";
import { ErrorNote, formatDate, humanize, Money, Pager } from "@shop/shared";
import type { AdminProductFragment, AttributeInput, ProductStatus, StockMovementReason } from "@shop/shared/src/gql/graphql";
import {
  AdjustStockDocument,
  AdminCategoriesDocument,
  AdminProductDocument,
  AdminProductsDocument,
  ArchiveProductDocument,
  CreateProductDocument,
  DeleteProductDocument,
  HideReviewDocument,
  SetProductCategoriesDocument,
  UpdateProductDocument,
} from "../operations";

export function Products() {
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [after, setAfter] = useState<string[]>([]);
  const [{ data, error }] = useQuery({
    query: AdminProductsDocument,
    variables: { filter: { search: query || undefined }, after: after[after.length - 1] },
    requestPolicy: "cache-and-network",
  });
  const products = data?.products;
  return (
    <div className="stack">
      <h1>Products</h1>
      <div className="toolbar">
        <form
          role="search"
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setAfter([]);
            setQuery(search);
          }}
        >
          <label>
            Search <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
          <button type="submit">Search</button>
        </form>
        <Link to="/products/new" className="button primary">
          New product
        </Link>
      </div>
      <ErrorNote error={error} />
      <p>{products ? `${products.totalCount} products` : ""}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">SKU</th>
            <th scope="col">Status</th>
            <th scope="col">Price</th>
            <th scope="col">Stock</th>
          </tr>
        </thead>
        <tbody>
          {products?.nodes.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/products/${p.id}`}>{p.name}</Link>
              </td>
              <td>{p.sku}</td>
              <td>{humanize(p.status)}</td>
              <td>
                <Money value={p.price} />
              </td>
              <td>
                {p.stock ?? "?"} ({humanize(p.stockStatus)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager after={after} setAfter={setAfter} pageInfo={products?.pageInfo} />
    </div>
  );
}

type Draft = {
  name: string;
  description: string;
  amount: string;
  currency: string;
  compareAtPrice: string;
  sku: string;
  brand: string;
  slug: string;
  weightGrams: number;
  status: ProductStatus;
  lowStockThreshold: string;
  stock: number;
  images: { url: string; alt: string }[];
  attributes: { key: string; type: "TEXT" | "NUMBER" | "BOOLEAN"; value: string }[];
};

function draftOf(p?: AdminProductFragment): Draft {
  return {
    name: p?.name ?? "",
    description: p?.description ?? "",
    amount: p?.price.amount ?? "",
    currency: p?.price.currency ?? "USD",
    compareAtPrice: p?.compareAtPrice?.amount ?? "",
    sku: p?.sku ?? "",
    brand: p?.brand ?? "",
    slug: p?.slug ?? "",
    weightGrams: p?.weightGrams ?? 0,
    status: p?.status ?? "ACTIVE",
    lowStockThreshold: p?.lowStockThreshold?.toString() ?? "",
    stock: 0,
    images: p?.images.map((i) => ({ url: i.url, alt: i.alt })) ?? [],
    attributes: p?.attributes.map((a) => ({ key: a.key, type: a.type, value: a.value })) ?? [],
  };
}

function attributeInput(a: Draft["attributes"][number]): AttributeInput {
  if (a.type === "NUMBER") return { key: a.key, number: Number(a.value) };
  if (a.type === "BOOLEAN") return { key: a.key, boolean: a.value === "true" };
  return { key: a.key, text: a.value };
}

const REASONS: StockMovementReason[] = ["RESTOCK", "CORRECTION", "DAMAGE", "RETURN"];

function StockPanel({ product, onChange }: { product: NonNullable<ReturnType<typeof useProduct>["product"]>; onChange: () => void }) {
  const [delta, setDelta] = useState(0);
  const [reason, setReason] = useState<StockMovementReason>("RESTOCK");
  const [note, setNote] = useState("");
  const [adjusted, adjust] = useMutation(AdjustStockDocument);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await adjust({ input: { productId: product.id, delta, reason, note: note || null } });
    if (r.data) {
      setDelta(0);
      setNote("");
      onChange();
    }
  }
  return (
    <section aria-labelledby="stock" className="stack">
      <h2 id="stock">Stock</h2>
      <p data-testid="admin-stock">
        On hand {product.onHand}, reserved {product.reserved}, available {product.stock}: {humanize(product.stockStatus)}
        {product.lowStockThreshold != null ? ` (low below ${product.lowStockThreshold})` : ""}
      </p>
      <form onSubmit={submit} className="inline-form" aria-label="Adjust stock">
        <label>
          Change by <input type="number" required value={delta} onChange={(e) => setDelta(Number(e.target.value))} />
        </label>
        <label>
          Reason{" "}
          <select value={reason} onChange={(e) => setReason(e.target.value as StockMovementReason)}>
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {humanize(r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Note <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit">Adjust stock</button>
      </form>
      <ErrorNote error={adjusted.error} />
      <h3>Ledger</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Change</th>
            <th scope="col">Reason</th>
            <th scope="col">On hand after</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {product.stockMovements?.map((m) => (
            <tr key={m.id}>
              <td>{formatDate(m.createdAt)}</td>
              <td>{m.delta > 0 ? `+${m.delta}` : m.delta}</td>
              <td>{humanize(m.reason)}</td>
              <td>{m.onHandAfter}</td>
              <td>{m.orderId ? <Link to={`/orders/${m.orderId}`}>order {m.orderId.slice(0, 8)}</Link> : m.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ReviewsPanel({ product, onChange }: { product: NonNullable<ReturnType<typeof useProduct>["product"]>; onChange: () => void }) {
  const [hidden, hide] = useMutation(HideReviewDocument);
  return (
    <section aria-labelledby="moderation">
      <h2 id="moderation">Reviews ({product.reviews.totalCount})</h2>
      <ErrorNote error={hidden.error} />
      <ul className="reviews">
        {product.reviews.nodes.map((r) => (
          <li key={r.id}>
            <strong>
              {r.rating}/5 {r.title}
            </strong>{" "}
            {r.hidden ? <em>(hidden)</em> : null}
            <p>{r.body}</p>
            <p className="muted">
              {r.author.name}, {formatDate(r.createdAt)}
              {r.verifiedPurchase ? ", verified purchase" : ""}
            </p>
            <button type="button" onClick={() => hide({ id: r.id, hidden: !r.hidden }).then(onChange)}>
              {r.hidden ? "Show again" : "Hide"}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function useProduct(id: string | undefined) {
  const [{ data, error }, refetch] = useQuery({ query: AdminProductDocument, variables: { id: id ?? "" }, pause: !id, requestPolicy: "network-only" });
  return { product: data?.product, error, reload: () => refetch({ requestPolicy: "network-only" }) };
}

export function ProductEditor() {
  const { id } = useParams();
  const { product, error, reload } = useProduct(id);
  if (id && error) return <ErrorNote error={error} />;
  if (id && !product) return <p aria-busy="true">Loading…</p>;
  return <Editor key={product?.id ?? "new"} product={product ?? undefined} reload={reload} />;
}

function Editor({ product, reload }: { product?: NonNullable<ReturnType<typeof useProduct>["product"]>; reload: () => void }) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState(() => draftOf(product));
  const [categoryIds, setCategoryIds] = useState<string[]>(product?.categories.map((c) => c.id) ?? []);
  const [categories] = useQuery({ query: AdminCategoriesDocument });
  const [created, create] = useMutation(CreateProductDocument);
  const [updated, update] = useMutation(UpdateProductDocument);
  const [categorised, setCategories] = useMutation(SetProductCategoriesDocument);
  const [archived, archive] = useMutation(ArchiveProductDocument);
  const [deleted, remove] = useMutation(DeleteProductDocument);
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const common = {
      name: draft.name,
      description: draft.description,
      price: { amount: draft.amount, currency: draft.currency },
      compareAtPrice: draft.compareAtPrice || null,
      sku: draft.sku || null,
      brand: draft.brand || null,
      slug: draft.slug || null,
      weightGrams: draft.weightGrams,
      status: draft.status,
      lowStockThreshold: draft.lowStockThreshold === "" ? null : Number(draft.lowStockThreshold),
      images: draft.images.filter((i) => i.url),
      attributes: draft.attributes.filter((a) => a.key).map(attributeInput),
    };
    const r = product ? await update({ id: product.id, input: common }) : await create({ input: { ...common, stock: draft.stock } });
    const savedId = r.data && ("createProduct" in r.data ? r.data.createProduct.id : r.data.updateProduct.id);
    if (!savedId) return;
    const before = product?.categories.map((c) => c.id).sort().join() ?? "";
    if (categoryIds.slice().sort().join() !== before) {
      const c = await setCategories({ productId: savedId, categoryIds });
      if (c.error) return;
    }
    setSaved(true);
    if (product) reload();
    else navigate(`/products/${savedId}`);
  }

  const text = (key: keyof Draft, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label} <input value={draft[key] as string} onChange={(e) => set(key, e.target.value as never)} {...props} />
    </label>
  );
  return (
    <div className="stack">
      <h1>{product ? `Edit ${product.name}` : "New product"}</h1>
      {product ? (
        <p className="inline-form">
          <a href={`/products/${product.id}`}>View in the storefront</a>
          {product.status !== "ARCHIVED" ? (
            <button type="button" onClick={() => archive({ id: product.id }).then(reload)}>
              Archive
            </button>
          ) : null}
          <button
            type="button"
            onClick={async () => {
              if (!confirm(`Delete ${product.name}? Orders keep their lines.`)) return;
              const r = await remove({ id: product.id });
              if (r.data) navigate("/products");
            }}
          >
            Delete
          </button>
        </p>
      ) : null}
      <ErrorNote error={archived.error ?? deleted.error} />
      <form onSubmit={submit} className="stack" aria-label="Product">
        <div className="grid-form">
          {text("name", "Name", { required: true })}
          {text("sku", "SKU")}
          {text("brand", "Brand")}
          {text("slug", "Slug (empty: from the name)")}
          {text("amount", "Price", { required: true, inputMode: "decimal", pattern: "[0-9]+(\\.[0-9]{1,2})?" })}
          {text("currency", "Currency", { required: true, maxLength: 3 })}
          {text("compareAtPrice", "Compare-at price", { inputMode: "decimal" })}
          <label>
            Weight (g) <input type="number" min={0} value={draft.weightGrams} onChange={(e) => set("weightGrams", Number(e.target.value))} />
          </label>
          {text("lowStockThreshold", "Low-stock threshold", { inputMode: "numeric" })}
          {!product ? (
            <label>
              Initial stock <input type="number" min={0} value={draft.stock} onChange={(e) => set("stock", Number(e.target.value))} />
            </label>
          ) : null}
          <label>
            Status{" "}
            <select value={draft.status} onChange={(e) => set("status", e.target.value as ProductStatus)}>
              {(["DRAFT", "ACTIVE", "ARCHIVED"] as const).map((s) => (
                <option key={s} value={s}>
                  {humanize(s)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          Description <textarea rows={4} cols={70} value={draft.description} onChange={(e) => set("description", e.target.value)} />
        </label>
        <fieldset>
          <legend>Images</legend>
          {draft.images.map((img, i) => (
            <div key={i} className="inline-form">
              <label>
                URL <input type="url" size={50} value={img.url} onChange={(e) => set("images", draft.images.map((x, j) => (j === i ? { ...x, url: e.target.value } : x)))} />
              </label>
              <label>
                Alt text <input value={img.alt} onChange={(e) => set("images", draft.images.map((x, j) => (j === i ? { ...x, alt: e.target.value } : x)))} />
              </label>
              <button type="button" onClick={() => set("images", draft.images.filter((_, j) => j !== i))}>
                Remove image
              </button>
            </div>
          ))}
          <button type="button" onClick={() => set("images", [...draft.images, { url: "", alt: "" }])}>
            Add image
          </button>
        </fieldset>
        <fieldset>
          <legend>Attributes</legend>
          {draft.attributes.map((a, i) => {
            const change = (patch: Partial<typeof a>) => set("attributes", draft.attributes.map((x, j) => (j === i ? { ...x, ...patch } : x)));
            return (
              <div key={i} className="inline-form">
                <label>
                  Key <input value={a.key} onChange={(e) => change({ key: e.target.value })} />
                </label>
                <label>
                  Type{" "}
                  <select value={a.type} onChange={(e) => change({ type: e.target.value as typeof a.type })}>
                    <option value="TEXT">Text</option>
                    <option value="NUMBER">Number</option>
                    <option value="BOOLEAN">Yes/no</option>
                  </select>
                </label>
                <label>
                  Value <input value={a.value} onChange={(e) => change({ value: e.target.value })} />
                </label>
                <button type="button" onClick={() => set("attributes", draft.attributes.filter((_, j) => j !== i))}>
                  Remove attribute
                </button>
              </div>
            );
          })}
          <button type="button" onClick={() => set("attributes", [...draft.attributes, { key: "", type: "TEXT", value: "" }])}>
            Add attribute
          </button>
        </fieldset>
        <fieldset>
          <legend>Categories</legend>
          <div className="grid-form">
            {categories.data?.categories.map((c) => (
              <label key={c.id} className="check" style={{ flexDirection: "row", gap: 4 }}>
                <input
                  type="checkbox"
                  checked={categoryIds.includes(c.id)}
                  onChange={(e) => setCategoryIds(e.target.checked ? [...categoryIds, c.id] : categoryIds.filter((x) => x !== c.id))}
                />
                {c.path}
              </label>
            ))}
          </div>
        </fieldset>
        <ErrorNote error={created.error ?? updated.error ?? categorised.error} />
        {saved ? (
          <p className="note" role="status">
            Saved.
          </p>
        ) : null}
        <button type="submit" className="primary">
          {product ? "Save product" : "Create product"}
        </button>
      </form>
      {product ? <StockPanel product={product} onChange={reload} /> : null}
      {product ? <ReviewsPanel product={product} onChange={reload} /> : null}
    </div>
  );
}
