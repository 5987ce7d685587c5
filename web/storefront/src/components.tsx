import { Fragment } from "react";
import { Link } from "react-router-dom";
import { humanize, Money } from "@shop/shared";
import type { MoneyFieldsFragment, ProductCardFragment, StockStatus } from "@shop/shared/src/gql/graphql";

/** The product's first image, or a drawn placeholder (never a remote file
 * the shop does not serve). */
export function ProductImage({ images, name, large }: { images: { url: string; alt: string }[]; name: string; large?: boolean }) {
  const image = images[0];
  const size = large ? 360 : 180;
  if (image) return <img src={image.url} alt={image.alt || name} width={size} height={size} loading="lazy" />;
  const hue = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  return (
    <svg width={size} height={size} viewBox="0 0 10 10" role="img" aria-label={name}>
      <rect width="10" height="10" fill={`hsl(${hue} 45% 85%)`} />
      <text x="5" y="6.2" fontSize="3.2" textAnchor="middle" fill={`hsl(${hue} 40% 25%)`}>
        {name.slice(0, 2).toUpperCase()}
      </text>
    </svg>
  );
}

export function Stars({ average, count }: { average: number | null | undefined; count: number }) {
  if (!count || average == null) return <span className="muted">No reviews yet</span>;
  return (
    <span className="stars" aria-label={`Rated ${average.toFixed(1)} out of 5 from ${count} reviews`}>
      {"★".repeat(Math.round(average))}
      {"☆".repeat(5 - Math.round(average))} <span className="muted">({count})</span>
    </span>
  );
}

export function StockBadge({ status }: { status: StockStatus }) {
  return <span className={`stock stock-${status.toLowerCase()}`}>{humanize(status)}</span>;
}

export function ProductCard({ product }: { product: ProductCardFragment }) {
  return (
    <li className="card">
      <Link to={`/products/${product.id}`}>
        <ProductImage images={product.images} name={product.name} />
        <span className="card-name">{product.name}</span>
      </Link>
      {product.brand ? <span className="muted">{product.brand}</span> : null}
      <span>
        <Money value={product.price} />
        {product.compareAtPrice ? (
          <s className="muted">
            {" "}
            <Money value={product.compareAtPrice} />
          </s>
        ) : null}
      </span>
      <Stars average={product.rating.average} count={product.rating.count} />
      <StockBadge status={product.stockStatus} />
    </li>
  );
}

/** Subtotal, shipping, tax and total, the last in bold. */
export function Totals({ rows }: { rows: [string, MoneyFieldsFragment | null | undefined][] }) {
  return (
    <dl className="totals">
      {rows.map(([label, value], i) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{i === rows.length - 1 ? <strong><Money value={value} /></strong> : <Money value={value} />}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
