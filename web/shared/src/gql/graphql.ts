/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * Implement the DateTime<Utc> scalar
   *
   * The input/output is a string in RFC3339 format.
   */
  DateTime: { input: string; output: string; }
  join__FieldSet: { input: any; output: any; }
  link__Import: { input: any; output: any; }
};

export type Address = {
  __typename?: 'Address';
  city: Scalars['String']['output'];
  /** ISO 3166-1 alpha-2 country code, e.g. "DE". */
  country: Scalars['String']['output'];
  /** Unique id (a UUID). */
  id: Scalars['ID']['output'];
  /** Whether this is the default shipping address. */
  isDefault: Scalars['Boolean']['output'];
  /** Street and number. */
  line1: Scalars['String']['output'];
  /** Apartment, suite, floor. */
  line2?: Maybe<Scalars['String']['output']>;
  /** Contact phone for the delivery, E.164. */
  phone?: Maybe<Scalars['String']['output']>;
  postalCode: Scalars['String']['output'];
  /** Who receives deliveries here. */
  recipient: Scalars['String']['output'];
  /** State, province or region. */
  region?: Maybe<Scalars['String']['output']>;
};

/** An address as a client gives it. */
export type AddressInputObject = {
  /** 1 to 100 characters. */
  city: Scalars['String']['input'];
  /** ISO 3166-1 alpha-2 code, e.g. "US" (`BAD_USER_INPUT` otherwise). */
  country: Scalars['String']['input'];
  /** Street and number, 1 to 200 characters. */
  line1: Scalars['String']['input'];
  /** Apartment, suite, floor. */
  line2?: InputMaybe<Scalars['String']['input']>;
  /** Contact phone, international form. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 20 characters. */
  postalCode: Scalars['String']['input'];
  /** Who receives deliveries, 1 to 200 characters. */
  recipient: Scalars['String']['input'];
  /** State, province or region. */
  region?: InputMaybe<Scalars['String']['input']>;
};

/** A stock adjustment by staff. */
export type AdjustStockInput = {
  /** Units to add (positive) or remove (negative). */
  delta: Scalars['Int']['input'];
  /** Up to 500 characters, kept in the ledger. */
  note?: InputMaybe<Scalars['String']['input']>;
  /** The product whose stock changes. */
  productId: Scalars['ID']['input'];
  /** RESTOCK and RETURN need a positive delta, DAMAGE a negative one, CORRECTION either. SALE is recorded by orders only. */
  reason: StockMovementReason;
};

/** A condition on one attribute: its value is one of `values`, and (for numbers) within `min`..`max`. */
export type AttributeFilterInput = {
  /** The attribute key, e.g. "color". */
  key: Scalars['String']['input'];
  /** Numeric attributes only: at most this. */
  max?: InputMaybe<Scalars['Float']['input']>;
  /** Numeric attributes only: at least this. */
  min?: InputMaybe<Scalars['Float']['input']>;
  /** Any of these values, written as text ("black", "40", "true"). */
  values?: Array<Scalars['String']['input']>;
};

/** One attribute given by staff: set exactly one of `text`, `number` or `boolean`. */
export type AttributeInput = {
  /** A true/false value. */
  boolean?: InputMaybe<Scalars['Boolean']['input']>;
  /** 1 to 50 lower-case letters, digits and underscores, starting with a letter. */
  key: Scalars['String']['input'];
  /** A number value. */
  number?: InputMaybe<Scalars['Float']['input']>;
  /** A text value, 1 to 200 characters. */
  text?: InputMaybe<Scalars['String']['input']>;
};

/** The type of an attribute's value. */
export type AttributeType =
  /** True or false. */
  | 'BOOLEAN'
  /** A number, e.g. a wattage; filters can ask for a range. */
  | 'NUMBER'
  /** Free text, e.g. a color. */
  | 'TEXT';

/**
 * The result of a successful login or refresh: a short-lived access token
 * and the refresh token that gets the next one.
 */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** Signed JWT (EdDSA) to send as `Authorization: Bearer <accessToken>`. Lives 15 minutes by default. */
  accessToken: Scalars['String']['output'];
  /** When the access token stops being accepted. */
  expiresAt: Scalars['DateTime']['output'];
  /** When the refresh token stops being accepted. */
  refreshExpiresAt: Scalars['DateTime']['output'];
  /** Opaque token for `refreshSession`. Each use returns a new one and spends this one; presenting a spent token ends the session. */
  refreshToken: Scalars['String']['output'];
  /** Always "Bearer". */
  tokenType: Scalars['String']['output'];
  /** The user who logged in. */
  user: User;
};

/** How many matching products have a brand. */
export type BrandFacet = {
  __typename?: 'BrandFacet';
  /** The brand. */
  brand: Scalars['String']['output'];
  /** Matching products of that brand. */
  count: Scalars['Int']['output'];
};

export type Cart = {
  __typename?: 'Cart';
  /** The destination the estimates are for (ISO country code). */
  estimateCountry: Scalars['String']['output'];
  /** Shipping to the `shipTo` destination, with checkout's rate table. */
  estimatedShipping?: Maybe<Money>;
  /** Tax for the `shipTo` destination. */
  estimatedTax?: Maybe<Money>;
  /** Units in the cart, over all lines. */
  itemCount: Scalars['Int']['output'];
  /** The lines, oldest first. */
  lines: Array<CartLine>;
  /**
   * Lines that cannot be bought as they are: unavailable, short of stock,
   * or repriced since they were added. Checked against the product
   * service in one call for the whole cart.
   */
  problems: Array<CartProblem>;
  /** Sum of the lines at today's prices; null for an empty cart. */
  subtotal?: Maybe<Money>;
  /** Subtotal + estimated shipping + estimated tax. */
  total?: Maybe<Money>;
};

export type CartLine = {
  __typename?: 'CartLine';
  /** When the line was added. */
  addedAt: Scalars['DateTime']['output'];
  /** Unique id (a UUID), for `updateCartLine` and `removeCartLine`. */
  id: Scalars['ID']['output'];
  /** `unitPrice × quantity`. */
  lineTotal: Money;
  /** The price of one unit when the line was added. */
  priceWhenAdded: Money;
  /** The product. */
  product: Product;
  /** Units, 1 to 99. */
  quantity: Scalars['Int']['output'];
  /** The price of one unit now. */
  unitPrice: Money;
};

export type CartProblem = {
  __typename?: 'CartProblem';
  /** Units available now (INSUFFICIENT_STOCK). */
  available?: Maybe<Scalars['Int']['output']>;
  /** The price now (PRICE_CHANGED). */
  currentPrice?: Maybe<Money>;
  /** What is wrong. */
  kind: CartProblemKind;
  /** The line concerned. */
  lineId: Scalars['ID']['output'];
  /** What is wrong, in words. */
  message: Scalars['String']['output'];
  /** The price when the line was added (PRICE_CHANGED). */
  previousPrice?: Maybe<Money>;
  /** The product concerned. */
  product: Product;
};

/** What is wrong with a cart line. */
export type CartProblemKind =
  /** Fewer units are available than the line asks for. */
  | 'INSUFFICIENT_STOCK'
  /** The price changed since the line was added. */
  | 'PRICE_CHANGED'
  /** The product was deleted or is no longer on sale. */
  | 'UNAVAILABLE';

export type Category = {
  __typename?: 'Category';
  /** Names from the top of the tree down to this category, for breadcrumbs. */
  breadcrumbs: Array<Scalars['String']['output']>;
  /** The categories directly below, by name. */
  children: Array<Category>;
  /** Unique id (a UUID). */
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** The category above; null at the top. */
  parent?: Maybe<Category>;
  /** Slugs from the top of the tree down to this category, joined by "/", e.g. "coffee/grinders". */
  path: Scalars['String']['output'];
  /** URL-safe unique name. */
  slug: Scalars['String']['output'];
};

export type CategoryFacet = {
  __typename?: 'CategoryFacet';
  /** The category. */
  category?: Maybe<Category>;
  /** Matching products in it or below it. */
  count: Scalars['Int']['output'];
};

/** A checkout request. */
export type CheckoutInput = {
  /**
   * A client-chosen key, 1 to 255 characters, unique per checkout attempt.
   * Sending it again with the same input returns the first result; with
   * another input, `CONFLICT`.
   */
  idempotencyKey: Scalars['String']['input'];
  /** How to pay. */
  paymentMethod: PaymentMethodInput;
  /** One of the caller's addresses (user subgraph). */
  shippingAddressId: Scalars['ID']['input'];
};

/** A new product. */
export type CreateProductInput = {
  /** Typed specifications (at most 50) that listings filter on. */
  attributes?: Array<AttributeInput>;
  /** Up to 100 characters. */
  brand?: InputMaybe<Scalars['String']['input']>;
  /** Earlier price shown struck through, in the price's currency; must be higher than the price. */
  compareAtPrice?: InputMaybe<Scalars['String']['input']>;
  /** Up to 20000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Up to 20 images, in display order. */
  images?: Array<ImageInput>;
  /** At or below this many available units the product shows LOW_STOCK (default 5). */
  lowStockThreshold?: InputMaybe<Scalars['Int']['input']>;
  /** 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** The price. */
  price: MoneyInput;
  /** Stock-keeping unit, unique, up to 64 characters. */
  sku?: InputMaybe<Scalars['String']['input']>;
  /** URL-safe unique name; made from the name when left out. */
  slug?: InputMaybe<Scalars['String']['input']>;
  /** ACTIVE (the default) or DRAFT to prepare it unseen. */
  status?: InputMaybe<ProductStatus>;
  /** Initial units in stock, 0 or more. */
  stock?: Scalars['Int']['input'];
  /** Shipping weight in grams, 0 to 1000000. */
  weightGrams?: Scalars['Int']['input'];
};

/** A date range; either end may be left open. */
export type DateRangeInput = {
  /** From this instant, inclusive. */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Up to this instant, exclusive. */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Where cart estimates are for. */
export type DestinationInput = {
  /** ISO 3166-1 alpha-2 country code, e.g. "US". */
  country: Scalars['String']['input'];
  /** Postal code. */
  postalCode: Scalars['String']['input'];
};

/** An image given by staff. */
export type ImageInput = {
  /** Alt text, at most 300 characters. */
  alt?: Scalars['String']['input'];
  /** http(s) URL, at most 2048 characters. */
  url: Scalars['String']['input'];
};

export type Invoice = {
  __typename?: 'Invoice';
  /** Who buys, with the billing (shipping) address. */
  buyer: InvoiceParty;
  /** Unique id (a UUID). */
  id: Scalars['ID']['output'];
  /** When it was issued (when the order was paid). */
  issuedAt: Scalars['DateTime']['output'];
  /** The order's lines. */
  lines: Array<OrderLine>;
  /** Sequential invoice number with no gaps, e.g. "INV-000042". */
  number: Scalars['String']['output'];
  /** The invoiced order. */
  order: Order;
  /**
   * Where to download the PDF: an HTTP GET on the order service with the
   * owner's or a staff bearer token.
   */
  pdfPath: Scalars['String']['output'];
  /** Who sells. */
  seller: InvoiceParty;
  /** Shipping. */
  shippingCost: Money;
  /** Sum of the lines. */
  subtotal: Money;
  /** Tax on goods and shipping. */
  tax: Money;
  /** Tax rate in percent, e.g. "19.00". */
  taxRatePercent: Scalars['String']['output'];
  /** Total paid. */
  total: Money;
};

export type InvoiceParty = {
  __typename?: 'InvoiceParty';
  /** Address lines, in print order. */
  address: Array<Scalars['String']['output']>;
  /** Email address, if known. */
  email?: Maybe<Scalars['String']['output']>;
  /** Name. */
  name: Scalars['String']['output'];
  /** VAT or tax number, if any. */
  taxId?: Maybe<Scalars['String']['output']>;
};

/** An exact amount of money in one currency. Amounts are decimal strings, never floats. */
export type Money = {
  __typename?: 'Money';
  /** The exact amount as a decimal string in the currency's major unit, e.g. "19.99". Never a float. */
  amount: Scalars['String']['output'];
  /** The amount in the currency's minor unit (cents for USD), as a string so it never overflows a GraphQL Int. */
  amountMinor: Scalars['String']['output'];
  /** ISO 4217 currency code, e.g. "USD". */
  currency: Scalars['String']['output'];
};

/** An exact amount of money given by a client. */
export type MoneyInput = {
  /** Decimal string in the currency's major unit, e.g. "19.99". More decimal places than the currency has are rejected, never rounded. */
  amount: Scalars['String']['input'];
  /** ISO 4217 currency code, e.g. "USD". */
  currency: Scalars['String']['input'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Adds an address to the signed-in user's book; the first one becomes
   * the default.
   */
  addAddress: Address;
  /**
   * Saves a card from a provider token (brand, last 4 digits and expiry
   * are kept; never a card number). With Stripe the PaymentMethod is
   * attached to a Stripe Customer, so that it can pay again.
   * `BAD_USER_INPUT` for an unknown or declined token.
   */
  addPaymentMethod: PaymentMethod;
  /**
   * Adds units of a product to the caller's cart (merged into its line).
   * `quantity` is 1 to 99 per line, 100 lines at most (`BAD_USER_INPUT`);
   * an unknown product, or one not on sale, is `NOT_FOUND`.
   */
  addToCart: Cart;
  /**
   * Saves a product for later. `NOT_FOUND` if the product service does not
   * know it. Adding it twice is harmless.
   */
  addToWishlist: User;
  /**
   * Adds or removes stock with a reason, writing a ledger row. STAFF only.
   * On hand may not drop below zero or below the units reserved
   * (`BAD_USER_INPUT` on `delta`).
   */
  adjustStock: Product;
  /** Staff accept a return request. */
  approveReturn: Return;
  /**
   * Takes a product off sale: customers no longer see it or can buy it;
   * orders that contain it still show it. STAFF only.
   */
  archiveProduct: Product;
  /**
   * Cancels an order: customers until it ships, staff until it is
   * delivered. A paid order is refunded in full and restocked. Cancelling
   * a cancelled order returns it unchanged.
   */
  cancelOrder: Order;
  /**
   * Changes the email address; needs the current password. `CONFLICT` if
   * another account has it. The new address is unverified until the link
   * sent to it is followed (`verifyEmail`); until then roles above
   * CUSTOMER do not take effect. The previous address is told.
   */
  changeEmail: User;
  /**
   * Changes the password and ends every session, this one included: log
   * in again with the new password. A wrong current password is
   * `BAD_USER_INPUT` on `currentPassword`.
   */
  changePassword: Scalars['Boolean']['output'];
  /**
   * Checks out the caller's cart: prices from the catalog, stock reserved,
   * payment authorized and captured, then the order is `PAID`, invoiced,
   * and its lines leave the cart. Errors: `BAD_USER_INPUT` (empty cart,
   * key over 255 characters, unknown token, card number),
   * `NOT_FOUND` (address or saved method not the caller's, unknown
   * product), `INSUFFICIENT_STOCK`, `PAYMENT_DECLINED` (the order is
   * `PAYMENT_FAILED`, in `extensions.orderId`; the cart stays),
   * `UNAVAILABLE` with `extensions.retryable` (retry with the same key),
   * `CONFLICT` (the key was used for another checkout, or is still in
   * progress with `extensions.retryable`).
   */
  checkout: Order;
  /** Empties the caller's cart. */
  clearCart: Cart;
  /**
   * The customer confirms receipt (`DELIVERED` → `COMPLETED`). Orders
   * are also completed automatically 14 days after delivery.
   */
  confirmReceipt: Order;
  /**
   * Creates a category, at the top or under `parentId`. STAFF only. The
   * slug is made from the name when left out; a taken slug is `CONFLICT`.
   */
  createCategory: Category;
  /**
   * Adds a product to the catalog. Requires the STAFF role (`FORBIDDEN`
   * otherwise). Invalid input gives `BAD_USER_INPUT` with `extensions.field`.
   */
  createProduct: Product;
  /**
   * Deactivates a user: they can no longer log in, and their tokens stop
   * working (within 30 seconds in every subgraph). ADMIN only.
   */
  deactivateUser: User;
  /**
   * Deletes a product softly: it leaves every listing and cannot be
   * bought, but orders that contain it still resolve it. STAFF only.
   */
  deleteProduct: Scalars['Boolean']['output'];
  /** Deletes your own review; staff may delete any. */
  deleteReview: Scalars['Boolean']['output'];
  /**
   * Hides a review from listings and the rating (or shows it again with
   * `hidden: false`). STAFF only.
   */
  hideReview: Review;
  /**
   * Exchanges an email (or a phone number) and a password for an access
   * token and a refresh token. A wrong identifier and a wrong password give
   * the same `UNAUTHENTICATED` error. Repeated failures give `RATE_LIMITED`
   * with `extensions.retryAfter` (seconds), per account and per client IP.
   */
  login: AuthPayload;
  /**
   * Ends the session of the bearer token: it and its refresh token stop
   * working, in every subgraph within 30 seconds. Returns false if the
   * session had already ended.
   */
  logout: Scalars['Boolean']['output'];
  /**
   * Ends every session of the signed-in user, on every device. Returns how
   * many sessions were open.
   */
  logoutEverywhere: Scalars['Int']['output'];
  /** Marks every notification of the caller read; returns how many were unread. */
  markAllNotificationsRead: Scalars['Int']['output'];
  /**
   * Marks the caller's notifications read; returns how many ids were
   * given (already read ones count too). All or nothing: `NOT_FOUND` if
   * one is not the caller's; `BAD_USER_INPUT` for more than 100 ids.
   */
  markNotificationsRead: Scalars['Int']['output'];
  /** Staff record the delivery (`SHIPPED` → `DELIVERED`). */
  markOrderDelivered: Order;
  /**
   * Staff start fulfilling a paid order (`PAID` → `FULFILLING`).
   * `CONFLICT` with `extensions.currentStatus` from any other status.
   */
  markOrderFulfilling: Order;
  /**
   * Moves a category under another, or to the top when `parentId` is
   * null. Under itself or a descendant is `BAD_USER_INPUT`. STAFF only.
   */
  moveCategory: Category;
  /**
   * Staff receive an approved return: the items are restocked
   * (`AdjustStock`, reason `RETURN`) and refunded, by default the lines'
   * price with their tax, or `refundAmount` (a decimal string; "0" for no
   * refund). The order becomes `RETURNED`, then `REFUNDED`.
   */
  receiveReturn: Order;
  /**
   * Exchanges a refresh token for a new access token and a new refresh
   * token; the one sent is spent. Sending a spent refresh token ends its
   * whole session (it was copied). Errors: `UNAUTHENTICATED`.
   */
  refreshSession: AuthPayload;
  /**
   * Staff refund part or all of an order's payment: `amount` is a decimal
   * string in the order's currency. `CONFLICT` with
   * `extensions.refundable` when it is more than what is left, even under
   * concurrent refunds.
   */
  refundOrder: Refund;
  /**
   * Creates a customer account with an email, a phone number, or both.
   * The email is trimmed and lower-cased, the phone stored as E.164; the
   * password must be 8 to 128 characters. An email gets a verification
   * link (see `verifyEmail`). Errors: `BAD_USER_INPUT` (with
   * `extensions.field`), `CONFLICT` when the email or phone is taken,
   * `RATE_LIMITED` (with `retryAfter`) past 10 registrations an hour from
   * one client address, or 300 a minute from clients whose address is
   * unknown.
   */
  register: User;
  /** Staff refuse a return request; the order goes back to `DELIVERED`. */
  rejectReturn: Return;
  /** Removes one of the signed-in user's addresses. */
  removeAddress: Scalars['Boolean']['output'];
  /** Removes a line from the caller's cart. */
  removeCartLine: Cart;
  /** Removes a product from the wishlist (no error if it was not there). */
  removeFromWishlist: User;
  /** Removes one of the caller's saved payment methods; returns its id. */
  removePaymentMethod: Scalars['ID']['output'];
  /** Renames a category (and optionally changes its slug). STAFF only. */
  renameCategory: Category;
  /**
   * Copies one of the caller's orders into the cart at today's prices;
   * lines that are unavailable are skipped and reported.
   */
  reorder: ReorderResult;
  /**
   * Sends a password reset link to the account's email or phone, valid for
   * 30 minutes and usable once. Always returns true, whether or not such
   * an account exists.
   */
  requestPasswordReset: Scalars['Boolean']['output'];
  /**
   * The customer asks to return lines of a delivered or completed order,
   * within 30 days of delivery.
   */
  requestReturn: Return;
  /**
   * Sends the signed-in user a new verification link for their email,
   * valid for 24 hours; earlier links stop working. Returns false when
   * the email is verified already. `BAD_USER_INPUT` for an account
   * without an email; `RATE_LIMITED` (with `retryAfter`) past 3 an hour.
   */
  resendEmailVerification: Scalars['Boolean']['output'];
  /**
   * Sets a new password with the token from a reset link, and ends every
   * session. A used, expired or unknown token is `BAD_USER_INPUT` on `token`.
   * Limited per client like `register` (`RATE_LIMITED`).
   */
  resetPassword: Scalars['Boolean']['output'];
  /** Makes one of the signed-in user's addresses the default shipping address. */
  setDefaultAddress: Address;
  /** Lists a product in exactly these categories (at most 50). STAFF only. */
  setProductCategories: Product;
  /**
   * Replaces a user's roles; CUSTOMER is always kept. ADMIN only. Takes
   * effect on the user's next request, without a new login. Granting
   * STAFF or ADMIN to a user whose email is not verified is `CONFLICT`.
   */
  setUserRoles: User;
  /** Staff hand the order to a carrier (`FULFILLING` → `SHIPPED`). */
  shipOrder: Order;
  /**
   * Replaces one of the signed-in user's addresses. `NOT_FOUND` for an
   * address that is not theirs.
   */
  updateAddress: Address;
  /**
   * Sets a line's quantity, 0 to 99; 0 removes the line. `NOT_FOUND` for
   * a line that is not in the caller's cart.
   */
  updateCartLine: Cart;
  /**
   * Chooses the channels of one category of messages for the caller;
   * channels not given stay as they are. `category` is one of `orders`,
   * `shipping`, `account`, `marketing` (`BAD_USER_INPUT` otherwise).
   * Account email cannot be switched off: password resets and email
   * changes must reach the owner. Marketing also needs the profile's
   * `marketingOptIn`.
   */
  updateNotificationPreference: NotificationPreference;
  /**
   * Changes a product; fields left out stay as they are. STAFF only.
   * `CONFLICT` (with `extensions.field`) when the slug or SKU is taken.
   */
  updateProduct: Product;
  /** Updates the signed-in user's profile. */
  updateProfile: User;
  /** Edits your own review (`FORBIDDEN` for anyone else's). */
  updateReview: Review;
  /**
   * Follows an email verification link: the address it was sent to counts
   * as verified (`User.emailVerified`). Needs no sign-in: the token is the
   * proof. A used, expired or unknown token, or one sent to an address
   * the account no longer has, is `BAD_USER_INPUT` on `token`. Private
   * fields of the answer still need the owner's bearer token.
   */
  verifyEmail: User;
  /**
   * Reports how an order's payment stands. If its checkout was left
   * waiting for the provider, it is finished first (the provider is asked
   * again with the same idempotency key).
   */
  verifyPayment: PaymentVerification;
  /**
   * Writes your review of a product on sale (signed-in users). One per
   * product: a second is `CONFLICT`. `verifiedPurchase` is set when the
   * order service confirms you bought it.
   */
  writeReview: Review;
};


export type MutationAddAddressArgs = {
  input: AddressInputObject;
};


export type MutationAddPaymentMethodArgs = {
  token: Scalars['String']['input'];
};


export type MutationAddToCartArgs = {
  productId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};


export type MutationAddToWishlistArgs = {
  productId: Scalars['ID']['input'];
};


export type MutationAdjustStockArgs = {
  input: AdjustStockInput;
};


export type MutationApproveReturnArgs = {
  returnId: Scalars['ID']['input'];
};


export type MutationArchiveProductArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCancelOrderArgs = {
  orderId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationChangeEmailArgs = {
  currentPassword: Scalars['String']['input'];
  newEmail: Scalars['String']['input'];
};


export type MutationChangePasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


export type MutationCheckoutArgs = {
  input: CheckoutInput;
};


export type MutationConfirmReceiptArgs = {
  orderId: Scalars['ID']['input'];
};


export type MutationCreateCategoryArgs = {
  name: Scalars['String']['input'];
  parentId?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type MutationCreateProductArgs = {
  input: CreateProductInput;
};


export type MutationDeactivateUserArgs = {
  userId: Scalars['ID']['input'];
};


export type MutationDeleteProductArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteReviewArgs = {
  id: Scalars['ID']['input'];
};


export type MutationHideReviewArgs = {
  hidden?: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
};


export type MutationLoginArgs = {
  email?: InputMaybe<Scalars['String']['input']>;
  password: Scalars['String']['input'];
  phone?: InputMaybe<Scalars['String']['input']>;
};


export type MutationMarkNotificationsReadArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type MutationMarkOrderDeliveredArgs = {
  orderId: Scalars['ID']['input'];
};


export type MutationMarkOrderFulfillingArgs = {
  orderId: Scalars['ID']['input'];
};


export type MutationMoveCategoryArgs = {
  id: Scalars['ID']['input'];
  parentId?: InputMaybe<Scalars['ID']['input']>;
};


export type MutationReceiveReturnArgs = {
  refundAmount?: InputMaybe<Scalars['String']['input']>;
  returnId: Scalars['ID']['input'];
};


export type MutationRefreshSessionArgs = {
  refreshToken: Scalars['String']['input'];
};


export type MutationRefundOrderArgs = {
  amount: Scalars['String']['input'];
  orderId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
};


export type MutationRegisterArgs = {
  email?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  password: Scalars['String']['input'];
  phone?: InputMaybe<Scalars['String']['input']>;
};


export type MutationRejectReturnArgs = {
  note: Scalars['String']['input'];
  returnId: Scalars['ID']['input'];
};


export type MutationRemoveAddressArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRemoveCartLineArgs = {
  lineId: Scalars['ID']['input'];
};


export type MutationRemoveFromWishlistArgs = {
  productId: Scalars['ID']['input'];
};


export type MutationRemovePaymentMethodArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRenameCategoryArgs = {
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type MutationReorderArgs = {
  orderId: Scalars['ID']['input'];
};


export type MutationRequestPasswordResetArgs = {
  email?: InputMaybe<Scalars['String']['input']>;
  phone?: InputMaybe<Scalars['String']['input']>;
};


export type MutationRequestReturnArgs = {
  input: RequestReturnInput;
};


export type MutationResetPasswordArgs = {
  newPassword: Scalars['String']['input'];
  token: Scalars['String']['input'];
};


export type MutationSetDefaultAddressArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetProductCategoriesArgs = {
  categoryIds: Array<Scalars['ID']['input']>;
  productId: Scalars['ID']['input'];
};


export type MutationSetUserRolesArgs = {
  roles: Array<Role>;
  userId: Scalars['ID']['input'];
};


export type MutationShipOrderArgs = {
  carrier: Scalars['String']['input'];
  orderId: Scalars['ID']['input'];
  trackingNumber: Scalars['String']['input'];
};


export type MutationUpdateAddressArgs = {
  id: Scalars['ID']['input'];
  input: AddressInputObject;
};


export type MutationUpdateCartLineArgs = {
  lineId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
};


export type MutationUpdateNotificationPreferenceArgs = {
  category: Scalars['String']['input'];
  email?: InputMaybe<Scalars['Boolean']['input']>;
  inApp?: InputMaybe<Scalars['Boolean']['input']>;
  sms?: InputMaybe<Scalars['Boolean']['input']>;
};


export type MutationUpdateProductArgs = {
  id: Scalars['ID']['input'];
  input: UpdateProductInput;
};


export type MutationUpdateProfileArgs = {
  input: UpdateProfileInput;
};


export type MutationUpdateReviewArgs = {
  id: Scalars['ID']['input'];
  input: UpdateReviewInput;
};


export type MutationVerifyEmailArgs = {
  token: Scalars['String']['input'];
};


export type MutationVerifyPaymentArgs = {
  orderId: Scalars['ID']['input'];
};


export type MutationWriteReviewArgs = {
  input: WriteReviewInput;
};

export type Notification = {
  __typename?: 'Notification';
  /** A few sentences, in the user's language. */
  body: Scalars['String']['output'];
  /** What it is about. */
  category: NotificationCategory;
  /** When it was made. */
  createdAt: Scalars['DateTime']['output'];
  /** Unique id (a UUIDv7: newer notifications have larger ids). */
  id: Scalars['ID']['output'];
  /** The message type, e.g. `order_shipped`, `order_paid`, `stock_low`. */
  kind: Scalars['String']['output'];
  /** Where it leads (an order or product page), if anywhere. */
  link?: Maybe<Scalars['String']['output']>;
  /** Whether the user has read it. */
  read: Scalars['Boolean']['output'];
  /** When the user read it; null while unread. */
  readAt?: Maybe<Scalars['DateTime']['output']>;
  /** One line, in the user's language. */
  title: Scalars['String']['output'];
};

/**
 * What a notification is about. Preferences are set per category
 * (all but `STAFF_ALERTS`).
 */
export type NotificationCategory =
  /** Welcome, password resets, email changes. Email cannot be switched off. */
  | 'ACCOUNT'
  /** Price drops on wishlisted products; only with marketing consent. */
  | 'MARKETING'
  /** Receipts, payment failures, cancellations, refunds, returns. */
  | 'ORDERS'
  /** Packing, shipping, delivery. */
  | 'SHIPPING'
  /** Low-stock alerts, for staff. */
  | 'STAFF_ALERTS';

export type NotificationConnection = {
  __typename?: 'NotificationConnection';
  /** A list of edges. */
  edges: Array<NotificationEdge>;
  /** A list of nodes. */
  nodes: Array<Notification>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type NotificationEdge = {
  __typename?: 'NotificationEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Notification;
};

/** Which channels one category of messages uses for the user. */
export type NotificationPreference = {
  __typename?: 'NotificationPreference';
  /** The category. */
  category: NotificationCategory;
  /** Send email. */
  email: Scalars['Boolean']['output'];
  /** Keep an in-app notification. */
  inApp: Scalars['Boolean']['output'];
  /** Send a text message (when the account has a phone number). */
  sms: Scalars['Boolean']['output'];
};

export type Order = {
  __typename?: 'Order';
  /** When the order was placed. */
  createdAt: Scalars['DateTime']['output'];
  /** The customer who placed it. */
  customer: User;
  /** Unique id (a UUID). */
  id: Scalars['ID']['output'];
  /** The invoice, issued when the order was paid; null before. */
  invoice?: Maybe<Invoice>;
  /** What was ordered, with names, SKUs and prices as they were at checkout. */
  lines: Array<OrderLine>;
  /** Payment attempts, oldest first, with the provider's references. */
  payments: Array<Payment>;
  /** Refunds, oldest first. */
  refunds: Array<Refund>;
  /** Return requests, oldest first. */
  returns: Array<Return>;
  /**
   * The parcel: carrier, tracking number, status and tracking events;
   * null until the order ships.
   */
  shipment?: Maybe<Shipment>;
  /**
   * Where it ships, as the address was at checkout. Null for orders placed
   * before checkout existed.
   */
  shippingAddress?: Maybe<OrderAddress>;
  /** Shipping, by weight and destination. */
  shippingCost: Money;
  /** Where the order is in its life. */
  status: OrderStatus;
  /** Sum of the line totals. */
  subtotal: Money;
  /** Tax on goods and shipping. */
  tax: Money;
  /** Tax rate applied, in percent, e.g. "19.00". */
  taxRatePercent: Scalars['String']['output'];
  /** Every status the order went through, oldest first. */
  timeline: Array<OrderEvent>;
  /** What the customer pays: subtotal + shipping + tax. */
  total: Money;
  /** When its status last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** Who made a change to an order. */
export type OrderActorKind =
  /** The customer who owns the order. */
  | 'CUSTOMER'
  /** A member of staff. */
  | 'STAFF'
  /** The service itself: checkout, recovery, timers. */
  | 'SYSTEM';

export type OrderAddress = {
  __typename?: 'OrderAddress';
  /** City. */
  city: Scalars['String']['output'];
  /** ISO 3166-1 alpha-2 country code. */
  country: Scalars['String']['output'];
  /** Street and number. */
  line1: Scalars['String']['output'];
  /** Apartment, suite, floor. */
  line2?: Maybe<Scalars['String']['output']>;
  /** Phone number for the carrier, E.164. */
  phone?: Maybe<Scalars['String']['output']>;
  /** Postal code. */
  postalCode: Scalars['String']['output'];
  /** Who receives the parcel. */
  recipient: Scalars['String']['output'];
  /** State, province or region. */
  region?: Maybe<Scalars['String']['output']>;
};

export type OrderConnection = {
  __typename?: 'OrderConnection';
  /** A list of edges. */
  edges: Array<OrderEdge>;
  /** A list of nodes. */
  nodes: Array<Order>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
};

/** An edge in a connection. */
export type OrderEdge = {
  __typename?: 'OrderEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Order;
};

export type OrderEvent = {
  __typename?: 'OrderEvent';
  /** The user who made it; null for the system. */
  actor?: Maybe<User>;
  /** Who made the change. */
  actorKind: OrderActorKind;
  /** When. */
  at: Scalars['DateTime']['output'];
  /** What happened, in words. */
  note: Scalars['String']['output'];
  /** The status the order entered. */
  status: OrderStatus;
};

/** Narrows an order history. */
export type OrderFilterInput = {
  /** Only orders placed in this range. */
  dateRange?: InputMaybe<DateRangeInput>;
  /** Only orders in one of these statuses. */
  status?: InputMaybe<Array<OrderStatus>>;
};

export type OrderLine = {
  __typename?: 'OrderLine';
  /** `unitPrice × quantity`. */
  lineTotal: Money;
  /** The product ordered; its current fields come from the product subgraph. */
  product: Product;
  /** The product's name at checkout. */
  productName: Scalars['String']['output'];
  /** Units ordered, 1 to 99. */
  quantity: Scalars['Int']['output'];
  /** The product's SKU at checkout, if it had one. */
  sku?: Maybe<Scalars['String']['output']>;
  /** Price of one unit at checkout. */
  unitPrice: Money;
};

/**
 * Where an order is in its life. Moves are listed in the README
 * ("Order lifecycle"); an illegal move is `CONFLICT` with
 * `extensions.currentStatus`.
 */
export type OrderStatus =
  /** Cancelled; a paid order was refunded in full and restocked. Final. */
  | 'CANCELLED'
  /** Receipt confirmed by the customer, or automatically 14 days after delivery. */
  | 'COMPLETED'
  /** The carrier delivered it. */
  | 'DELIVERED'
  /** Staff are picking and packing it. */
  | 'FULFILLING'
  /** Paid; stock sold; waiting to be fulfilled. */
  | 'PAID'
  /** The payment was declined; the stock went back. Final. */
  | 'PAYMENT_FAILED'
  /** Stock is reserved and the payment is being taken. */
  | 'PENDING_PAYMENT'
  /** The return was refunded. Final. */
  | 'REFUNDED'
  /** The returned items arrived and were restocked. */
  | 'RETURNED'
  /** The customer asked to return some lines. */
  | 'RETURN_REQUESTED'
  /** Handed to a carrier; see `shipment`. */
  | 'SHIPPED';

/** Information about pagination in a connection */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** When paginating forwards, the cursor to continue. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** When paginating forwards, are there more items? */
  hasNextPage: Scalars['Boolean']['output'];
  /** When paginating backwards, are there more items? */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** When paginating backwards, the cursor to continue. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Payment = {
  __typename?: 'Payment';
  /** The amount authorized or captured. */
  amount: Money;
  /** Card brand, e.g. "Visa". */
  cardBrand: Scalars['String']['output'];
  /** Last four digits of the card. */
  cardLast4: Scalars['String']['output'];
  /** When the payment was attempted. */
  createdAt: Scalars['DateTime']['output'];
  /** The provider's reason for a decline, e.g. "insufficient_funds". */
  failureReason?: Maybe<Scalars['String']['output']>;
  /** Unique id (a UUID). */
  id: Scalars['ID']['output'];
  /**
   * The provider's reference: the capture once captured, else the
   * authorization.
   */
  providerReference?: Maybe<Scalars['String']['output']>;
  /** Where the payment stands. */
  status: PaymentStatus;
};

export type PaymentMethod = {
  __typename?: 'PaymentMethod';
  /** Card brand, e.g. "Visa". */
  brand: Scalars['String']['output'];
  /** When it was saved. */
  createdAt: Scalars['DateTime']['output'];
  /** Expiry month, 1 to 12. */
  expMonth: Scalars['Int']['output'];
  /** Expiry year, e.g. 2030. */
  expYear: Scalars['Int']['output'];
  /** Unique id (a UUID), for `checkout` and `removePaymentMethod`. */
  id: Scalars['ID']['output'];
  /** Last four digits. */
  last4: Scalars['String']['output'];
};

/** How to pay at checkout: exactly one of the two. */
export type PaymentMethodInput = {
  /** One of the caller's saved payment methods. */
  savedPaymentMethodId?: InputMaybe<Scalars['ID']['input']>;
  /**
   * The payment provider's token, never a card number: with Stripe
   * (production) a PaymentMethod id from Stripe.js or a mobile SDK,
   * `pm_...`; with the development simulator a test card such as
   * `tok_visa` (see the README).
   */
  token?: InputMaybe<Scalars['String']['input']>;
};

/** How an order's payment stands. */
export type PaymentState =
  /** Declined, or voided; nothing was taken. */
  | 'FAILED'
  /** Captured in full, nothing refunded. */
  | 'PAID'
  /** Part of the capture was refunded. */
  | 'PARTIALLY_REFUNDED'
  /** Not settled yet (the provider has not answered). */
  | 'PENDING'
  /** All of the capture was refunded. */
  | 'REFUNDED';

/** Where a payment stands. */
export type PaymentStatus =
  /** The money is held on the card. */
  | 'AUTHORIZED'
  /** The money was taken. */
  | 'CAPTURED'
  /** The provider declined; see `failureReason`. */
  | 'FAILED'
  /** The hold was dropped; nothing was taken. */
  | 'VOIDED';

/** The answer of `verifyPayment`. */
export type PaymentVerification = {
  __typename?: 'PaymentVerification';
  /** Money captured. */
  captured: Money;
  /** The order, as it stands now. */
  order: Order;
  /** Money refunded (including refunds still pending). */
  refunded: Money;
  /** How its payment stands. */
  state: PaymentState;
};

/** How many matching products cost from `min` up to, not including, `max`. */
export type PriceBucket = {
  __typename?: 'PriceBucket';
  /** Matching products in the bucket. */
  count: Scalars['Int']['output'];
  /** The bucket ends below this; null for the last, open-ended bucket. */
  max?: Maybe<Money>;
  /** Lowest price in the bucket. */
  min: Money;
};

/** A price range in one currency; both ends inclusive and optional. */
export type PriceRangeInput = {
  /** ISO 4217 code; only products priced in it match. */
  currency: Scalars['String']['input'];
  /** Highest price. */
  max?: InputMaybe<Scalars['String']['input']>;
  /** Lowest price, a decimal string such as "10" or "9.99". */
  min?: InputMaybe<Scalars['String']['input']>;
};

/** A product for sale. */
export type Product = {
  __typename?: 'Product';
  /** Typed specifications, by key; listings filter on them (`filter.attributes`). */
  attributes: Array<ProductAttribute>;
  /** Brand or maker. */
  brand?: Maybe<Scalars['String']['output']>;
  /** The categories the product is listed in. */
  categories: Array<Category>;
  /** The earlier price shown struck through, higher than `price`; null if none. */
  compareAtPrice?: Maybe<Money>;
  /** When the product was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Longer description (plain text or Markdown). */
  description: Scalars['String']['output'];
  /**
   * Products most often bought in the same order as this one, most often
   * first; only products on sale. Empty until someone bought it with
   * something else.
   */
  frequentlyBoughtTogether: Array<Product>;
  /** Unique id (a UUID). */
  id: Scalars['ID']['output'];
  /** Images in display order. */
  images: Array<ProductImage>;
  /** At or below this many available units the status is LOW_STOCK. STAFF only. */
  lowStockThreshold?: Maybe<Scalars['Int']['output']>;
  /** Product name, 1 to 200 characters. */
  name: Scalars['String']['output'];
  /** Units in the warehouse, reserved ones included. STAFF only. */
  onHand?: Maybe<Scalars['Int']['output']>;
  /** Current price. Orders keep the price they were placed at. */
  price: Money;
  /** Average stars and number of visible reviews, maintained on every review change (never aggregated on read). */
  rating: Rating;
  /** Units held for orders in progress. STAFF only. */
  reserved?: Maybe<Scalars['Int']['output']>;
  /** Visible reviews, as a cursor connection. */
  reviews: ReviewConnection;
  /**
   * What shipping one unit costs to `postalCode` in `country` (ISO 3166-1
   * alpha-2), in `currency`, from the same rate table checkout uses. A
   * whole order is priced by its total weight (and ships free in the US
   * from 100.00). `BAD_USER_INPUT` for a bad country, postal code or
   * currency.
   */
  shippingEstimate: Money;
  /** Stock-keeping unit, unique. */
  sku?: Maybe<Scalars['String']['output']>;
  /** URL-safe unique name, e.g. "moka-pot-6-cup". */
  slug: Scalars['String']['output'];
  /**
   * DRAFT, ACTIVE or ARCHIVED. Customers only ever see ACTIVE products,
   * except through orders that already contain one.
   */
  status: ProductStatus;
  /**
   * Units that can be ordered now: on hand minus reserved. STAFF only:
   * for anyone else null, with a FORBIDDEN error (the rest of the product
   * still resolves). The same holds for the other stock numbers below.
   */
  stock?: Maybe<Scalars['Int']['output']>;
  /** The stock ledger, newest first: every adjustment and sale. STAFF only. */
  stockMovements?: Maybe<Array<StockMovement>>;
  /**
   * Whether the product can be ordered: IN_STOCK, LOW_STOCK (at or below
   * its threshold) or OUT_OF_STOCK. Public; the numbers are staff-only.
   */
  stockStatus: StockStatus;
  /** When the product was last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Shipping weight in grams. */
  weightGrams: Scalars['Int']['output'];
};


/** A product for sale. */
export type ProductFrequentlyBoughtTogetherArgs = {
  first?: Scalars['Int']['input'];
};


/** A product for sale. */
export type ProductReviewsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  sort?: ReviewSort;
};


/** A product for sale. */
export type ProductShippingEstimateArgs = {
  country: Scalars['String']['input'];
  currency?: Scalars['String']['input'];
  postalCode: Scalars['String']['input'];
};


/** A product for sale. */
export type ProductStockMovementsArgs = {
  first?: Scalars['Int']['input'];
};

/** One typed specification of a product. */
export type ProductAttribute = {
  __typename?: 'ProductAttribute';
  /** Lower-case key, e.g. "color". */
  key: Scalars['String']['output'];
  /** The value's type. */
  type: AttributeType;
  /** The value as text: "black", "40", "true". */
  value: Scalars['String']['output'];
};

export type ProductConnection = {
  __typename?: 'ProductConnection';
  /** A list of edges. */
  edges: Array<ProductEdge>;
  /** Counts for a filter sidebar: per category (a product counts in its categories and every one above), per brand (the 50 with most products), and per price bucket. They count every match, in the same pass that finds the page, except when the filter has attribute conditions: then they are counted over at most 1,000 matches, and `complete` says whether that was every match (when false, each count is a lower bound). */
  facets: ProductFacets;
  /** A list of nodes. */
  nodes: Array<Product>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** When `filter.search` matched nothing as written and the typo-tolerant match was used, what it was read as, word by word: "hedphones" gives "headphones". Show it as "Showing results for …". Null when the search matched as written, when there is no search, or when nothing matched at all. */
  searchedAs?: Maybe<Scalars['String']['output']>;
  /** Number of products matching the filter, over all pages, counted up to 1,000: past that it is 1,000 and `totalCountIsExact` is false (show "1,000+"). Counting stops there so that a page costs the same in a catalog of any size. */
  totalCount: Scalars['Int']['output'];
  /** Whether `totalCount` is every match (false: there are more than 1,000). */
  totalCountIsExact: Scalars['Boolean']['output'];
};

/** An edge in a connection. */
export type ProductEdge = {
  __typename?: 'ProductEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Product;
};

/** Facet counts of a listing. */
export type ProductFacets = {
  __typename?: 'ProductFacets';
  /** Matching products per brand, most first (at most 50 brands). */
  brands: Array<BrandFacet>;
  /** Matching products per category, most first. */
  categories: Array<CategoryFacet>;
  /** Whether the counts cover every matching product. They do, unless the filter has attribute conditions: those facets are counted over at most 1,000 matches, and when false the filter matches more and each count is a lower bound. */
  complete: Scalars['Boolean']['output'];
  /** Matching products per price range, per currency, cheapest first. */
  priceBuckets: Array<PriceBucket>;
};

/** Which products a listing shows. Every condition given must match. */
export type ProductFilter = {
  /** Conditions on attributes (at most 10); all must match. */
  attributes?: Array<AttributeFilterInput>;
  /** Any of these brands (exact names, at most 20). */
  brands?: Array<Scalars['String']['input']>;
  /** This category or any category below it. */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** Only products that can be ordered now. */
  inStock?: Scalars['Boolean']['input'];
  /** Only products whose average rating is at least this, 1 to 5. */
  minRating?: InputMaybe<Scalars['Float']['input']>;
  /** A price range in one currency. */
  price?: InputMaybe<PriceRangeInput>;
  /** Free text, at most 200 characters: every word must be found in the name, brand or description, by its English stem ("headphone" finds "headphones"; words such as "the" are ignored). A word found in the name ranks highest, then the brand, then the description. If nothing matches, a typo-tolerant match on name and brand is used instead (a word of 4 to 7 letters may be one edit off, a longer one two), so "hedphones" finds "headphones". A product changed on another replica is found as changed within a quarter of a second. */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** One product image. */
export type ProductImage = {
  __typename?: 'ProductImage';
  /** Text for screen readers. */
  alt: Scalars['String']['output'];
  /** http(s) URL of the image. */
  url: Scalars['String']['output'];
};

/** How a product listing is ordered. */
export type ProductSort =
  /** Most units sold first. */
  | 'BEST_SELLING'
  /** Most recently created first. The default without a search. */
  | 'NEWEST'
  /** Cheapest first (compares amounts, so filter by one currency when the catalog has several). */
  | 'PRICE_ASC'
  /** Most expensive first. */
  | 'PRICE_DESC'
  /** Highest average rating first; unrated products last. */
  | 'RATING'
  /** Best match first. The default when `filter.search` is given; without a search it means NEWEST. */
  | 'RELEVANCE';

/** Where a product is in its life. */
export type ProductStatus =
  /** On sale. */
  | 'ACTIVE'
  /** No longer sold; only staff and existing orders see it. */
  | 'ARCHIVED'
  /** Being prepared; only staff see it. */
  | 'DRAFT';

export type Query = {
  __typename?: 'Query';
  /** The top-level categories, by name. */
  categories: Array<Category>;
  /** One category, or null. */
  category?: Maybe<Category>;
  /**
   * An invoice, for the order's owner or staff. `NOT_FOUND` otherwise, as
   * for an invoice that does not exist.
   */
  invoice: Invoice;
  /** The signed-in user. Requires a bearer token (`UNAUTHENTICATED` otherwise). */
  me: User;
  /**
   * One of the caller's notifications. `NOT_FOUND` when it does not
   * exist or belongs to someone else.
   */
  notification: Notification;
  /**
   * One of the caller's orders (staff may read any). `NOT_FOUND` when it
   * does not exist or belongs to someone else.
   */
  order: Order;
  /** Every order, newest first, for staff (`FORBIDDEN` otherwise). */
  orders: OrderConnection;
  /** The caller's saved payment methods. */
  paymentMethods: Array<PaymentMethod>;
  /**
   * One product by id, or null if there is none. Drafts, archived and
   * deleted products are null for everyone but staff.
   */
  product?: Maybe<Product>;
  /**
   * Products on sale as a Relay cursor connection, filtered and sorted
   * (staff also see drafts and archived products). `first` defaults to 20
   * and may be 0 to 100 (more is `BAD_USER_INPUT`); pass a page's
   * `endCursor` as `after` for the next one. Cursors are opaque and stay
   * valid while products are added: paging through returns every product
   * that existed when paging began exactly once. `totalCount` and
   * `facets` cover every page and are computed only when selected.
   */
  products: ProductConnection;
  /** One review by id, or null. Hidden reviews are visible only to their author and staff. */
  review?: Maybe<Review>;
  /**
   * Searches users by email or name and by role, ordered by id, as a Relay
   * connection. ADMIN only (`FORBIDDEN` otherwise). `first` is 0 to 100.
   */
  users: UserConnection;
};


export type QueryCategoryArgs = {
  id: Scalars['ID']['input'];
};


export type QueryInvoiceArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNotificationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<StaffOrderFilterInput>;
  first?: Scalars['Int']['input'];
};


export type QueryProductArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  filter?: InputMaybe<ProductFilter>;
  first?: Scalars['Int']['input'];
  sort?: InputMaybe<ProductSort>;
};


export type QueryReviewArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<UserFilter>;
  first?: Scalars['Int']['input'];
};

/** A product's rating over its visible reviews. */
export type Rating = {
  __typename?: 'Rating';
  /** Average stars, 1 to 5, rounded to two decimals; null without reviews. */
  average?: Maybe<Scalars['Float']['output']>;
  /** Number of visible reviews. */
  count: Scalars['Int']['output'];
};

export type Refund = {
  __typename?: 'Refund';
  /** The amount given back. */
  amount: Money;
  /** When it was made. */
  createdAt: Scalars['DateTime']['output'];
  /** Unique id (a UUID). */
  id: Scalars['ID']['output'];
  /** The provider's refund reference. */
  providerReference?: Maybe<Scalars['String']['output']>;
  /** Why it was made. */
  reason: Scalars['String']['output'];
  /** The return it pays for, if any. */
  returnId?: Maybe<Scalars['ID']['output']>;
  /** Where the refund stands. */
  status: RefundStatus;
};

/** Where a refund stands. */
export type RefundStatus =
  /** The provider refused. */
  | 'FAILED'
  /** Recorded; waiting for the provider (retried automatically). */
  | 'PENDING'
  /** The money went back to the card. */
  | 'SUCCEEDED';

/** The answer of `reorder`. */
export type ReorderResult = {
  __typename?: 'ReorderResult';
  /** The cart with the order's lines added. */
  cart: Cart;
  /** Lines that were unavailable and left out. */
  skipped: Array<SkippedReorderLine>;
};

/** A return request. */
export type RequestReturnInput = {
  /** What to return. */
  lines: Array<ReturnLineInput>;
  /** The delivered order. */
  orderId: Scalars['ID']['input'];
  /** Why, 1 to 500 characters. */
  reason: Scalars['String']['input'];
};

export type Return = {
  __typename?: 'Return';
  /** When it was requested. */
  createdAt: Scalars['DateTime']['output'];
  /** Unique id (a UUID). */
  id: Scalars['ID']['output'];
  /** What is returned. */
  lines: Array<ReturnLineNode>;
  /** The customer's reason. */
  reason: Scalars['String']['output'];
  /** Where the request stands. */
  status: ReturnStatus;
};

/** One line of a return request. */
export type ReturnLineInput = {
  /** A product of the order. */
  productId: Scalars['ID']['input'];
  /** Units to return, 1 to the units ordered. */
  quantity: Scalars['Int']['input'];
};

/** Units of one product in a return. */
export type ReturnLineNode = {
  __typename?: 'ReturnLineNode';
  /** The product. */
  product: Product;
  /** Units returned. */
  quantity: Scalars['Int']['output'];
};

/** Where a return request stands. */
export type ReturnStatus =
  /** Accepted by staff; the customer sends the items back. */
  | 'APPROVED'
  /** The items arrived, were restocked and refunded. */
  | 'RECEIVED'
  /** Refused by staff. */
  | 'REJECTED'
  /** Asked for by the customer. */
  | 'REQUESTED';

export type Review = {
  __typename?: 'Review';
  /** Who wrote it (resolved by the user subgraph). */
  author: User;
  /** Text, up to 10000 characters (may be empty). */
  body: Scalars['String']['output'];
  /** When it was written. */
  createdAt: Scalars['DateTime']['output'];
  /** Hidden by staff: left out of listings and of the rating. */
  hidden: Scalars['Boolean']['output'];
  /** Unique id (a UUID). */
  id: Scalars['ID']['output'];
  /** The product reviewed. */
  product?: Maybe<Product>;
  /** 1 to 5 stars. */
  rating: Scalars['Int']['output'];
  /** Headline, up to 200 characters (may be empty). */
  title: Scalars['String']['output'];
  /** When it was last edited. */
  updatedAt: Scalars['DateTime']['output'];
  /** Whether the author bought the product, as the order service said when the review was written. */
  verifiedPurchase: Scalars['Boolean']['output'];
};

export type ReviewConnection = {
  __typename?: 'ReviewConnection';
  /** A list of edges. */
  edges: Array<ReviewEdge>;
  /** A list of nodes. */
  nodes: Array<Review>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** Number of visible reviews of the product, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a connection. */
export type ReviewEdge = {
  __typename?: 'ReviewEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: Review;
};

/** How a product's reviews are listed. */
export type ReviewSort =
  /** Most stars first. */
  | 'HIGHEST_RATING'
  /** Fewest stars first. */
  | 'LOWEST_RATING'
  /** Most recent first. */
  | 'NEWEST';

/** A role grants a set of permissions. Higher roles include the lower ones. */
export type Role =
  /** Manages users and roles. */
  | 'ADMIN'
  /** Shops and manages their own orders. Every account has it. */
  | 'CUSTOMER'
  /** Manages the catalog, inventory and order fulfilment. */
  | 'STAFF';

export type Shipment = {
  __typename?: 'Shipment';
  /** The carrier, e.g. "UPS". */
  carrier: Scalars['String']['output'];
  /** When it was delivered. */
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  /** Tracking events, oldest first. */
  events: Array<TrackingEvent>;
  /** When it was handed to the carrier. */
  shippedAt: Scalars['DateTime']['output'];
  /** Where the parcel is. */
  status: ShipmentStatus;
  /** The carrier's tracking number. */
  trackingNumber: Scalars['String']['output'];
};

/** Where a parcel is. */
export type ShipmentStatus =
  /** Delivered. */
  | 'DELIVERED'
  /** With the carrier. */
  | 'IN_TRANSIT';

/** A line `reorder` could not put back in the cart. */
export type SkippedReorderLine = {
  __typename?: 'SkippedReorderLine';
  /** The product. */
  product: Product;
  /** Its name on the order. */
  productName: Scalars['String']['output'];
  /** Why it was skipped. */
  reason: Scalars['String']['output'];
};

/** Narrows a staff search over every order. */
export type StaffOrderFilterInput = {
  /** Only this customer's orders. */
  customerId?: InputMaybe<Scalars['ID']['input']>;
  /** Only orders placed in this range. */
  dateRange?: InputMaybe<DateRangeInput>;
  /** Only orders in one of these statuses. */
  status?: InputMaybe<Array<OrderStatus>>;
};

export type StockMovement = {
  __typename?: 'StockMovement';
  /** The staff user who made an adjustment; null for sales. */
  actorId?: Maybe<Scalars['ID']['output']>;
  /** When it happened. */
  createdAt: Scalars['DateTime']['output'];
  /** Units added (positive) or removed (negative). */
  delta: Scalars['Int']['output'];
  /** Unique id (a UUID). */
  id: Scalars['ID']['output'];
  /** Free text from staff. */
  note?: Maybe<Scalars['String']['output']>;
  /** On hand right after this movement. */
  onHandAfter: Scalars['Int']['output'];
  /** For a sale, the order it belongs to. */
  orderId?: Maybe<Scalars['ID']['output']>;
  /** Why. */
  reason: StockMovementReason;
};

/** Why stock changed. */
export type StockMovementReason =
  /** A count fixed after a stocktake (either sign). */
  | 'CORRECTION'
  /** Goods broken or lost (negative). */
  | 'DAMAGE'
  /** Goods received (positive). */
  | 'RESTOCK'
  /** Goods a customer sent back (positive). */
  | 'RETURN'
  /** Goods sold: recorded when an order's reservation is committed. */
  | 'SALE';

/** Stock as customers see it. */
export type StockStatus =
  /** More than the low-stock threshold is available. */
  | 'IN_STOCK'
  /** Some, but no more than the threshold, is available. */
  | 'LOW_STOCK'
  /** Nothing can be ordered now. */
  | 'OUT_OF_STOCK';

/** One tracking event of a shipment. */
export type TrackingEvent = {
  __typename?: 'TrackingEvent';
  /** When. */
  at: Scalars['DateTime']['output'];
  /** What happened. */
  description: Scalars['String']['output'];
  /** Where, when the carrier says. */
  location?: Maybe<Scalars['String']['output']>;
  /** `IN_TRANSIT` or `DELIVERED`. */
  status: Scalars['String']['output'];
};

/** Changes to a product: leave a field out to keep it; send null to clear brand, sku or compareAtPrice. */
export type UpdateProductInput = {
  /** Replaces all attributes. */
  attributes?: InputMaybe<Array<AttributeInput>>;
  /** A new brand; null clears it. */
  brand?: InputMaybe<Scalars['String']['input']>;
  /** In the (new) price's currency; must be higher than the price. */
  compareAtPrice?: InputMaybe<Scalars['String']['input']>;
  /** A new description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Replaces all images. */
  images?: InputMaybe<Array<ImageInput>>;
  /** A new low-stock threshold. */
  lowStockThreshold?: InputMaybe<Scalars['Int']['input']>;
  /** A new name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** A new price. */
  price?: InputMaybe<MoneyInput>;
  /** A new SKU; null clears it. */
  sku?: InputMaybe<Scalars['String']['input']>;
  /** A new slug (made unique if taken). */
  slug?: InputMaybe<Scalars['String']['input']>;
  /** Publish, archive or draft the product. */
  status?: InputMaybe<ProductStatus>;
  /** A new shipping weight in grams. */
  weightGrams?: InputMaybe<Scalars['Int']['input']>;
};

/** Profile changes; leave a field out to keep it, send null to clear it. */
export type UpdateProfileInput = {
  /** http(s) URL of at most 2048 characters. */
  avatarUrl?: InputMaybe<Scalars['String']['input']>;
  /** BCP 47 tag such as "en" or "pt-BR". */
  locale?: InputMaybe<Scalars['String']['input']>;
  /** Whether to receive marketing messages. */
  marketingOptIn?: InputMaybe<Scalars['Boolean']['input']>;
  /** Display name, 1 to 100 characters (cannot be cleared). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** International form, e.g. "+14155550123"; stored as E.164. Unique. */
  phone?: InputMaybe<Scalars['String']['input']>;
};

/** Edits to your review; fields left out stay. */
export type UpdateReviewInput = {
  /** Text, up to 10000 characters. */
  body?: InputMaybe<Scalars['String']['input']>;
  /** 1 to 5 stars. */
  rating?: InputMaybe<Scalars['Int']['input']>;
  /** Headline, up to 200 characters. */
  title?: InputMaybe<Scalars['String']['input']>;
};

export type User = {
  __typename?: 'User';
  /** False once an admin has deactivated the account. Private. */
  active: Scalars['Boolean']['output'];
  /** The address book, default first. Private: the user and staff only. */
  addresses: Array<Address>;
  /** Avatar image URL. Public. */
  avatarUrl?: Maybe<Scalars['String']['output']>;
  /**
   * The user's cart, priced now, with shipping and tax estimated for
   * `shipTo` (a US address when absent). The user and staff only.
   */
  cart: Cart;
  /** When the account was created. Public. */
  createdAt: Scalars['DateTime']['output'];
  /** The default shipping address, if any. Private. */
  defaultShippingAddress?: Maybe<Address>;
  /** Email address, lower-cased; null for a phone-only account. Private: the user and staff only. */
  email?: Maybe<Scalars['String']['output']>;
  /**
   * Whether the owner followed the verification link sent to `email`
   * (false without an email, and again after `changeEmail` until the new
   * link is followed). Roles above CUSTOMER take effect only while it is
   * true. Private: the user and staff only.
   */
  emailVerified: Scalars['Boolean']['output'];
  /** Unique id (a UUID). */
  id: Scalars['ID']['output'];
  /** Preferred language, a BCP 47 tag such as "pt-BR". Private. */
  locale?: Maybe<Scalars['String']['output']>;
  /** Whether the user agreed to receive marketing messages. Private. */
  marketingOptIn: Scalars['Boolean']['output'];
  /** Display name. Public. */
  name: Scalars['String']['output'];
  /**
   * For each category (orders, shipping, account, marketing), the
   * channels its messages use: email, SMS, in-app. Visible to the user only.
   */
  notificationPreferences: Array<NotificationPreference>;
  /**
   * The user's in-app notifications, newest first, as a cursor
   * connection. Visible to the user only (`FORBIDDEN` otherwise).
   */
  notifications: NotificationConnection;
  /**
   * The user's orders, newest first, as a Relay connection. Visible to the
   * user and to staff (`FORBIDDEN` for anyone else). `first` is 0 to 100.
   */
  orders: OrderConnection;
  /** Saved payment methods. The user only. */
  paymentMethods: Array<PaymentMethod>;
  /** Phone number in E.164 form. Private: the user and staff only. */
  phone?: Maybe<Scalars['String']['output']>;
  /**
   * Products picked for this user: those most often bought together with
   * what they bought, then best sellers, never something they bought
   * already. Only the user themselves (or staff) may ask.
   */
  recommendations: Array<Product>;
  /** The user's visible reviews, newest first. Public, like the reviews themselves. */
  reviews: Array<Review>;
  /**
   * Roles held. Those above CUSTOMER take effect only while
   * `emailVerified` is true. Private: the user and staff only.
   */
  roles: Array<Role>;
  /** How many in-app notifications are unread. Visible to the user only. */
  unreadNotificationCount: Scalars['Int']['output'];
  /**
   * Products the user saved for later, newest first; the router resolves
   * their fields in the product subgraph. Private.
   */
  wishlist: Array<Product>;
};


export type UserCartArgs = {
  shipTo?: InputMaybe<DestinationInput>;
};


export type UserNotificationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  unreadOnly?: Scalars['Boolean']['input'];
};


export type UserOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OrderFilterInput>;
  first?: Scalars['Int']['input'];
};


export type UserRecommendationsArgs = {
  first?: Scalars['Int']['input'];
};


export type UserReviewsArgs = {
  first?: Scalars['Int']['input'];
};

export type UserConnection = {
  __typename?: 'UserConnection';
  /** A list of edges. */
  edges: Array<UserEdge>;
  /** A list of nodes. */
  nodes: Array<User>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** Users matching the filter, over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** An edge in a connection. */
export type UserEdge = {
  __typename?: 'UserEdge';
  /** A cursor for use in pagination */
  cursor: Scalars['String']['output'];
  /** The item at the end of the edge */
  node: User;
};

/** Filters for the admin user search. */
export type UserFilter = {
  /** Text found in the email or the name, case-insensitive. */
  query?: InputMaybe<Scalars['String']['input']>;
  /** Only users holding this role. */
  role?: InputMaybe<Role>;
};

/** A new review. */
export type WriteReviewInput = {
  /** Text, up to 10000 characters. */
  body?: Scalars['String']['input'];
  /** The product, which must be on sale. */
  productId: Scalars['ID']['input'];
  /** 1 to 5 stars. */
  rating: Scalars['Int']['input'];
  /** Headline, up to 200 characters. */
  title?: Scalars['String']['input'];
};

export type Join__Graph =
  | 'NOTIFICATION'
  | 'ORDER'
  | 'PRODUCT'
  | 'USER';

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

export type AdminMeQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminMeQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, name: string, email?: string | null, roles: Array<Role>, unreadNotificationCount: number } };

export type AdminProductFragment = { __typename?: 'Product', id: string, name: string, slug: string, sku?: string | null, brand?: string | null, description: string, status: ProductStatus, weightGrams: number, stockStatus: StockStatus, stock?: number | null, onHand?: number | null, reserved?: number | null, lowStockThreshold?: number | null, updatedAt: string, price: { __typename?: 'Money', amount: string, currency: string }, compareAtPrice?: { __typename?: 'Money', amount: string, currency: string } | null, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }>, attributes: Array<{ __typename?: 'ProductAttribute', key: string, type: AttributeType, value: string }>, categories: Array<{ __typename?: 'Category', id: string, name: string }> };

export type AdminProductsQueryVariables = Exact<{
  filter?: InputMaybe<ProductFilter>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AdminProductsQuery = { __typename?: 'Query', products: { __typename?: 'ProductConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Product', id: string, name: string, slug: string, sku?: string | null, brand?: string | null, description: string, status: ProductStatus, weightGrams: number, stockStatus: StockStatus, stock?: number | null, onHand?: number | null, reserved?: number | null, lowStockThreshold?: number | null, updatedAt: string, price: { __typename?: 'Money', amount: string, currency: string }, compareAtPrice?: { __typename?: 'Money', amount: string, currency: string } | null, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }>, attributes: Array<{ __typename?: 'ProductAttribute', key: string, type: AttributeType, value: string }>, categories: Array<{ __typename?: 'Category', id: string, name: string }> }> } };

export type AdminProductQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type AdminProductQuery = { __typename?: 'Query', product?: { __typename?: 'Product', id: string, name: string, slug: string, sku?: string | null, brand?: string | null, description: string, status: ProductStatus, weightGrams: number, stockStatus: StockStatus, stock?: number | null, onHand?: number | null, reserved?: number | null, lowStockThreshold?: number | null, updatedAt: string, stockMovements?: Array<{ __typename?: 'StockMovement', id: string, delta: number, reason: StockMovementReason, note?: string | null, orderId?: string | null, onHandAfter: number, createdAt: string }> | null, reviews: { __typename?: 'ReviewConnection', totalCount: number, nodes: Array<{ __typename?: 'Review', id: string, rating: number, title: string, body: string, hidden: boolean, verifiedPurchase: boolean, createdAt: string, author: { __typename?: 'User', id: string, name: string } }> }, price: { __typename?: 'Money', amount: string, currency: string }, compareAtPrice?: { __typename?: 'Money', amount: string, currency: string } | null, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }>, attributes: Array<{ __typename?: 'ProductAttribute', key: string, type: AttributeType, value: string }>, categories: Array<{ __typename?: 'Category', id: string, name: string }> } | null };

export type CreateProductMutationVariables = Exact<{
  input: CreateProductInput;
}>;


export type CreateProductMutation = { __typename?: 'Mutation', createProduct: { __typename?: 'Product', id: string, name: string, slug: string, sku?: string | null, brand?: string | null, description: string, status: ProductStatus, weightGrams: number, stockStatus: StockStatus, stock?: number | null, onHand?: number | null, reserved?: number | null, lowStockThreshold?: number | null, updatedAt: string, price: { __typename?: 'Money', amount: string, currency: string }, compareAtPrice?: { __typename?: 'Money', amount: string, currency: string } | null, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }>, attributes: Array<{ __typename?: 'ProductAttribute', key: string, type: AttributeType, value: string }>, categories: Array<{ __typename?: 'Category', id: string, name: string }> } };

export type UpdateProductMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateProductInput;
}>;


export type UpdateProductMutation = { __typename?: 'Mutation', updateProduct: { __typename?: 'Product', id: string, name: string, slug: string, sku?: string | null, brand?: string | null, description: string, status: ProductStatus, weightGrams: number, stockStatus: StockStatus, stock?: number | null, onHand?: number | null, reserved?: number | null, lowStockThreshold?: number | null, updatedAt: string, price: { __typename?: 'Money', amount: string, currency: string }, compareAtPrice?: { __typename?: 'Money', amount: string, currency: string } | null, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }>, attributes: Array<{ __typename?: 'ProductAttribute', key: string, type: AttributeType, value: string }>, categories: Array<{ __typename?: 'Category', id: string, name: string }> } };

export type SetProductCategoriesMutationVariables = Exact<{
  productId: Scalars['ID']['input'];
  categoryIds: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type SetProductCategoriesMutation = { __typename?: 'Mutation', setProductCategories: { __typename?: 'Product', id: string, categories: Array<{ __typename?: 'Category', id: string, name: string }> } };

export type ArchiveProductMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ArchiveProductMutation = { __typename?: 'Mutation', archiveProduct: { __typename?: 'Product', id: string, status: ProductStatus } };

export type DeleteProductMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteProductMutation = { __typename?: 'Mutation', deleteProduct: boolean };

export type AdjustStockMutationVariables = Exact<{
  input: AdjustStockInput;
}>;


export type AdjustStockMutation = { __typename?: 'Mutation', adjustStock: { __typename?: 'Product', id: string, name: string, slug: string, sku?: string | null, brand?: string | null, description: string, status: ProductStatus, weightGrams: number, stockStatus: StockStatus, stock?: number | null, onHand?: number | null, reserved?: number | null, lowStockThreshold?: number | null, updatedAt: string, price: { __typename?: 'Money', amount: string, currency: string }, compareAtPrice?: { __typename?: 'Money', amount: string, currency: string } | null, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }>, attributes: Array<{ __typename?: 'ProductAttribute', key: string, type: AttributeType, value: string }>, categories: Array<{ __typename?: 'Category', id: string, name: string }> } };

export type HideReviewMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  hidden: Scalars['Boolean']['input'];
}>;


export type HideReviewMutation = { __typename?: 'Mutation', hideReview: { __typename?: 'Review', id: string, hidden: boolean } };

export type AdminCategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminCategoriesQuery = { __typename?: 'Query', categories: Array<{ __typename?: 'Category', id: string, name: string, slug: string, path: string, parent?: { __typename?: 'Category', id: string } | null }> };

export type CreateCategoryMutationVariables = Exact<{
  name: Scalars['String']['input'];
  slug?: InputMaybe<Scalars['String']['input']>;
  parentId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type CreateCategoryMutation = { __typename?: 'Mutation', createCategory: { __typename?: 'Category', id: string } };

export type RenameCategoryMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  name: Scalars['String']['input'];
}>;


export type RenameCategoryMutation = { __typename?: 'Mutation', renameCategory: { __typename?: 'Category', id: string, name: string } };

export type MoveCategoryMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  parentId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type MoveCategoryMutation = { __typename?: 'Mutation', moveCategory: { __typename?: 'Category', id: string } };

export type StaffAlertsQueryVariables = Exact<{ [key: string]: never; }>;


export type StaffAlertsQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, notifications: { __typename?: 'NotificationConnection', nodes: Array<{ __typename?: 'Notification', id: string, category: NotificationCategory, title: string, body: string, link?: string | null, createdAt: string, read: boolean }> } } };

export type AdminOrdersQueryVariables = Exact<{
  filter?: InputMaybe<StaffOrderFilterInput>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AdminOrdersQuery = { __typename?: 'Query', orders: { __typename?: 'OrderConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Order', id: string, status: OrderStatus, createdAt: string, total: { __typename?: 'Money', amount: string, currency: string }, customer: { __typename?: 'User', id: string, name: string, email?: string | null }, lines: Array<{ __typename?: 'OrderLine', quantity: number }> }> } };

export type AdminOrderQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type AdminOrderQuery = { __typename?: 'Query', order: { __typename?: 'Order', id: string, status: OrderStatus, createdAt: string, total: { __typename?: 'Money', amount: string, currency: string }, customer: { __typename?: 'User', id: string, name: string, email?: string | null }, lines: Array<{ __typename?: 'OrderLine', productName: string, sku?: string | null, quantity: number, product: { __typename?: 'Product', id: string }, lineTotal: { __typename?: 'Money', amount: string, currency: string } }>, shippingAddress?: { __typename?: 'OrderAddress', recipient: string, line1: string, line2?: string | null, city: string, postalCode: string, country: string } | null, payments: Array<{ __typename?: 'Payment', id: string, status: PaymentStatus, cardBrand: string, cardLast4: string, failureReason?: string | null, amount: { __typename?: 'Money', amount: string, currency: string } }>, refunds: Array<{ __typename?: 'Refund', id: string, status: RefundStatus, reason: string, createdAt: string, amount: { __typename?: 'Money', amount: string, currency: string } }>, shipment?: { __typename?: 'Shipment', carrier: string, trackingNumber: string, status: ShipmentStatus } | null, returns: Array<{ __typename?: 'Return', id: string, status: ReturnStatus, reason: string, createdAt: string, lines: Array<{ __typename?: 'ReturnLineNode', quantity: number, product: { __typename?: 'Product', id: string, name: string } }> }>, timeline: Array<{ __typename?: 'OrderEvent', status: OrderStatus, at: string, actorKind: OrderActorKind, note: string }> } };

export type MarkOrderFulfillingMutationVariables = Exact<{
  orderId: Scalars['ID']['input'];
}>;


export type MarkOrderFulfillingMutation = { __typename?: 'Mutation', markOrderFulfilling: { __typename?: 'Order', id: string, status: OrderStatus } };

export type ShipOrderMutationVariables = Exact<{
  orderId: Scalars['ID']['input'];
  carrier: Scalars['String']['input'];
  trackingNumber: Scalars['String']['input'];
}>;


export type ShipOrderMutation = { __typename?: 'Mutation', shipOrder: { __typename?: 'Order', id: string, status: OrderStatus } };

export type MarkOrderDeliveredMutationVariables = Exact<{
  orderId: Scalars['ID']['input'];
}>;


export type MarkOrderDeliveredMutation = { __typename?: 'Mutation', markOrderDelivered: { __typename?: 'Order', id: string, status: OrderStatus } };

export type RefundOrderMutationVariables = Exact<{
  orderId: Scalars['ID']['input'];
  amount: Scalars['String']['input'];
  reason: Scalars['String']['input'];
}>;


export type RefundOrderMutation = { __typename?: 'Mutation', refundOrder: { __typename?: 'Refund', id: string, status: RefundStatus } };

export type ApproveReturnMutationVariables = Exact<{
  returnId: Scalars['ID']['input'];
}>;


export type ApproveReturnMutation = { __typename?: 'Mutation', approveReturn: { __typename?: 'Return', id: string, status: ReturnStatus } };

export type RejectReturnMutationVariables = Exact<{
  returnId: Scalars['ID']['input'];
  note: Scalars['String']['input'];
}>;


export type RejectReturnMutation = { __typename?: 'Mutation', rejectReturn: { __typename?: 'Return', id: string, status: ReturnStatus } };

export type ReceiveReturnMutationVariables = Exact<{
  returnId: Scalars['ID']['input'];
  refundAmount?: InputMaybe<Scalars['String']['input']>;
}>;


export type ReceiveReturnMutation = { __typename?: 'Mutation', receiveReturn: { __typename?: 'Order', id: string, status: OrderStatus } };

export type UsersQueryVariables = Exact<{
  filter?: InputMaybe<UserFilter>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type UsersQuery = { __typename?: 'Query', users: { __typename?: 'UserConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'User', id: string, name: string, email?: string | null, roles: Array<Role>, active: boolean, createdAt: string }> } };

export type SetUserRolesMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
  roles: Array<Role> | Role;
}>;


export type SetUserRolesMutation = { __typename?: 'Mutation', setUserRoles: { __typename?: 'User', id: string, roles: Array<Role> } };

export type DeactivateUserMutationVariables = Exact<{
  userId: Scalars['ID']['input'];
}>;


export type DeactivateUserMutation = { __typename?: 'Mutation', deactivateUser: { __typename?: 'User', id: string, active: boolean } };

export type LoginMutationVariables = Exact<{
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
}>;


export type LoginMutation = { __typename?: 'Mutation', login: { __typename?: 'AuthPayload', accessToken: string, refreshToken: string, expiresAt: string, user: { __typename?: 'User', id: string, name: string, roles: Array<Role> } } };

export type RefreshSessionMutationVariables = Exact<{
  refreshToken: Scalars['String']['input'];
}>;


export type RefreshSessionMutation = { __typename?: 'Mutation', refreshSession: { __typename?: 'AuthPayload', accessToken: string, refreshToken: string, expiresAt: string, user: { __typename?: 'User', id: string, roles: Array<Role> } } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { __typename?: 'Mutation', logout: boolean };

export type MoneyFieldsFragment = { __typename?: 'Money', amount: string, currency: string };

export type HeaderQueryVariables = Exact<{ [key: string]: never; }>;


export type HeaderQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, name: string, unreadNotificationCount: number, cart: { __typename?: 'Cart', itemCount: number } } };

export type CategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type CategoriesQuery = { __typename?: 'Query', categories: Array<{ __typename?: 'Category', id: string, name: string, slug: string, parent?: { __typename?: 'Category', id: string } | null }> };

export type ProductCardFragment = { __typename?: 'Product', id: string, name: string, slug: string, brand?: string | null, stockStatus: StockStatus, price: { __typename?: 'Money', amount: string, currency: string }, compareAtPrice?: { __typename?: 'Money', amount: string, currency: string } | null, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }>, rating: { __typename?: 'Rating', average?: number | null, count: number } };

export type ProductsQueryVariables = Exact<{
  filter?: InputMaybe<ProductFilter>;
  sort?: InputMaybe<ProductSort>;
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ProductsQuery = { __typename?: 'Query', products: { __typename?: 'ProductConnection', totalCount: number, totalCountIsExact: boolean, searchedAs?: string | null, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Product', id: string, name: string, slug: string, brand?: string | null, stockStatus: StockStatus, price: { __typename?: 'Money', amount: string, currency: string }, compareAtPrice?: { __typename?: 'Money', amount: string, currency: string } | null, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }>, rating: { __typename?: 'Rating', average?: number | null, count: number } }>, facets: { __typename?: 'ProductFacets', categories: Array<{ __typename?: 'CategoryFacet', count: number, category?: { __typename?: 'Category', id: string, name: string } | null }>, brands: Array<{ __typename?: 'BrandFacet', brand: string, count: number }>, priceBuckets: Array<{ __typename?: 'PriceBucket', count: number, min: { __typename?: 'Money', amount: string, currency: string }, max?: { __typename?: 'Money', amount: string, currency: string } | null }> } } };

export type ProductQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  signedIn: Scalars['Boolean']['input'];
}>;


export type ProductQuery = { __typename?: 'Query', product?: { __typename?: 'Product', description: string, sku?: string | null, weightGrams: number, id: string, name: string, slug: string, brand?: string | null, stockStatus: StockStatus, categories: Array<{ __typename?: 'Category', id: string, name: string, breadcrumbs: Array<string> }>, attributes: Array<{ __typename?: 'ProductAttribute', key: string, type: AttributeType, value: string }>, frequentlyBoughtTogether: Array<{ __typename?: 'Product', id: string, name: string, slug: string, brand?: string | null, stockStatus: StockStatus, price: { __typename?: 'Money', amount: string, currency: string }, compareAtPrice?: { __typename?: 'Money', amount: string, currency: string } | null, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }>, rating: { __typename?: 'Rating', average?: number | null, count: number } }>, reviews: { __typename?: 'ReviewConnection', totalCount: number, nodes: Array<{ __typename?: 'Review', id: string, rating: number, title: string, body: string, verifiedPurchase: boolean, createdAt: string, author: { __typename?: 'User', id: string, name: string } }> }, price: { __typename?: 'Money', amount: string, currency: string }, compareAtPrice?: { __typename?: 'Money', amount: string, currency: string } | null, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }>, rating: { __typename?: 'Rating', average?: number | null, count: number } } | null, me?: { __typename?: 'User', id: string, wishlist: Array<{ __typename?: 'Product', id: string }>, defaultShippingAddress?: { __typename?: 'Address', postalCode: string, country: string } | null } };

export type ShippingEstimateQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  postalCode: Scalars['String']['input'];
  country: Scalars['String']['input'];
}>;


export type ShippingEstimateQuery = { __typename?: 'Query', product?: { __typename?: 'Product', id: string, shippingEstimate: { __typename?: 'Money', amount: string, currency: string } } | null };

export type WriteReviewMutationVariables = Exact<{
  input: WriteReviewInput;
}>;


export type WriteReviewMutation = { __typename?: 'Mutation', writeReview: { __typename?: 'Review', id: string, verifiedPurchase: boolean } };

export type AddToWishlistMutationVariables = Exact<{
  productId: Scalars['ID']['input'];
}>;


export type AddToWishlistMutation = { __typename?: 'Mutation', addToWishlist: { __typename?: 'User', id: string, wishlist: Array<{ __typename?: 'Product', id: string }> } };

export type RemoveFromWishlistMutationVariables = Exact<{
  productId: Scalars['ID']['input'];
}>;


export type RemoveFromWishlistMutation = { __typename?: 'Mutation', removeFromWishlist: { __typename?: 'User', id: string, wishlist: Array<{ __typename?: 'Product', id: string }> } };

export type WishlistQueryVariables = Exact<{ [key: string]: never; }>;


export type WishlistQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, wishlist: Array<{ __typename?: 'Product', id: string, name: string, slug: string, brand?: string | null, stockStatus: StockStatus, price: { __typename?: 'Money', amount: string, currency: string }, compareAtPrice?: { __typename?: 'Money', amount: string, currency: string } | null, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }>, rating: { __typename?: 'Rating', average?: number | null, count: number } }> } };

export type CartFieldsFragment = { __typename?: 'Cart', itemCount: number, estimateCountry: string, subtotal?: { __typename?: 'Money', amount: string, currency: string } | null, estimatedShipping?: { __typename?: 'Money', amount: string, currency: string } | null, estimatedTax?: { __typename?: 'Money', amount: string, currency: string } | null, total?: { __typename?: 'Money', amount: string, currency: string } | null, lines: Array<{ __typename?: 'CartLine', id: string, quantity: number, unitPrice: { __typename?: 'Money', amount: string, currency: string }, lineTotal: { __typename?: 'Money', amount: string, currency: string }, product: { __typename?: 'Product', id: string, name: string, stockStatus: StockStatus, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }> } }>, problems: Array<{ __typename?: 'CartProblem', lineId: string, kind: CartProblemKind, message: string, available?: number | null, previousPrice?: { __typename?: 'Money', amount: string, currency: string } | null, currentPrice?: { __typename?: 'Money', amount: string, currency: string } | null }> };

export type CartQueryVariables = Exact<{ [key: string]: never; }>;


export type CartQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, cart: { __typename?: 'Cart', itemCount: number, estimateCountry: string, subtotal?: { __typename?: 'Money', amount: string, currency: string } | null, estimatedShipping?: { __typename?: 'Money', amount: string, currency: string } | null, estimatedTax?: { __typename?: 'Money', amount: string, currency: string } | null, total?: { __typename?: 'Money', amount: string, currency: string } | null, lines: Array<{ __typename?: 'CartLine', id: string, quantity: number, unitPrice: { __typename?: 'Money', amount: string, currency: string }, lineTotal: { __typename?: 'Money', amount: string, currency: string }, product: { __typename?: 'Product', id: string, name: string, stockStatus: StockStatus, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }> } }>, problems: Array<{ __typename?: 'CartProblem', lineId: string, kind: CartProblemKind, message: string, available?: number | null, previousPrice?: { __typename?: 'Money', amount: string, currency: string } | null, currentPrice?: { __typename?: 'Money', amount: string, currency: string } | null }> } } };

export type AddToCartMutationVariables = Exact<{
  productId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
}>;


export type AddToCartMutation = { __typename?: 'Mutation', addToCart: { __typename?: 'Cart', itemCount: number, estimateCountry: string, subtotal?: { __typename?: 'Money', amount: string, currency: string } | null, estimatedShipping?: { __typename?: 'Money', amount: string, currency: string } | null, estimatedTax?: { __typename?: 'Money', amount: string, currency: string } | null, total?: { __typename?: 'Money', amount: string, currency: string } | null, lines: Array<{ __typename?: 'CartLine', id: string, quantity: number, unitPrice: { __typename?: 'Money', amount: string, currency: string }, lineTotal: { __typename?: 'Money', amount: string, currency: string }, product: { __typename?: 'Product', id: string, name: string, stockStatus: StockStatus, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }> } }>, problems: Array<{ __typename?: 'CartProblem', lineId: string, kind: CartProblemKind, message: string, available?: number | null, previousPrice?: { __typename?: 'Money', amount: string, currency: string } | null, currentPrice?: { __typename?: 'Money', amount: string, currency: string } | null }> } };

export type UpdateCartLineMutationVariables = Exact<{
  lineId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
}>;


export type UpdateCartLineMutation = { __typename?: 'Mutation', updateCartLine: { __typename?: 'Cart', itemCount: number, estimateCountry: string, subtotal?: { __typename?: 'Money', amount: string, currency: string } | null, estimatedShipping?: { __typename?: 'Money', amount: string, currency: string } | null, estimatedTax?: { __typename?: 'Money', amount: string, currency: string } | null, total?: { __typename?: 'Money', amount: string, currency: string } | null, lines: Array<{ __typename?: 'CartLine', id: string, quantity: number, unitPrice: { __typename?: 'Money', amount: string, currency: string }, lineTotal: { __typename?: 'Money', amount: string, currency: string }, product: { __typename?: 'Product', id: string, name: string, stockStatus: StockStatus, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }> } }>, problems: Array<{ __typename?: 'CartProblem', lineId: string, kind: CartProblemKind, message: string, available?: number | null, previousPrice?: { __typename?: 'Money', amount: string, currency: string } | null, currentPrice?: { __typename?: 'Money', amount: string, currency: string } | null }> } };

export type RemoveCartLineMutationVariables = Exact<{
  lineId: Scalars['ID']['input'];
}>;


export type RemoveCartLineMutation = { __typename?: 'Mutation', removeCartLine: { __typename?: 'Cart', itemCount: number, estimateCountry: string, subtotal?: { __typename?: 'Money', amount: string, currency: string } | null, estimatedShipping?: { __typename?: 'Money', amount: string, currency: string } | null, estimatedTax?: { __typename?: 'Money', amount: string, currency: string } | null, total?: { __typename?: 'Money', amount: string, currency: string } | null, lines: Array<{ __typename?: 'CartLine', id: string, quantity: number, unitPrice: { __typename?: 'Money', amount: string, currency: string }, lineTotal: { __typename?: 'Money', amount: string, currency: string }, product: { __typename?: 'Product', id: string, name: string, stockStatus: StockStatus, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }> } }>, problems: Array<{ __typename?: 'CartProblem', lineId: string, kind: CartProblemKind, message: string, available?: number | null, previousPrice?: { __typename?: 'Money', amount: string, currency: string } | null, currentPrice?: { __typename?: 'Money', amount: string, currency: string } | null }> } };

export type RegisterMutationVariables = Exact<{
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
  name: Scalars['String']['input'];
}>;


export type RegisterMutation = { __typename?: 'Mutation', register: { __typename?: 'User', id: string } };

export type RequestPasswordResetMutationVariables = Exact<{
  email: Scalars['String']['input'];
}>;


export type RequestPasswordResetMutation = { __typename?: 'Mutation', requestPasswordReset: boolean };

export type ResetPasswordMutationVariables = Exact<{
  token: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
}>;


export type ResetPasswordMutation = { __typename?: 'Mutation', resetPassword: boolean };

export type VerifyEmailMutationVariables = Exact<{
  token: Scalars['String']['input'];
}>;


export type VerifyEmailMutation = { __typename?: 'Mutation', verifyEmail: { __typename?: 'User', id: string, emailVerified: boolean } };

export type AddressFieldsFragment = { __typename?: 'Address', id: string, recipient: string, line1: string, line2?: string | null, city: string, region?: string | null, postalCode: string, country: string, phone?: string | null, isDefault: boolean };

export type AccountQueryVariables = Exact<{ [key: string]: never; }>;


export type AccountQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, name: string, email?: string | null, emailVerified: boolean, addresses: Array<{ __typename?: 'Address', id: string, recipient: string, line1: string, line2?: string | null, city: string, region?: string | null, postalCode: string, country: string, phone?: string | null, isDefault: boolean }> } };

export type PaymentMethodsQueryVariables = Exact<{ [key: string]: never; }>;


export type PaymentMethodsQuery = { __typename?: 'Query', paymentMethods: Array<{ __typename?: 'PaymentMethod', id: string, brand: string, last4: string, expMonth: number, expYear: number }> };

export type AddPaymentMethodMutationVariables = Exact<{
  token: Scalars['String']['input'];
}>;


export type AddPaymentMethodMutation = { __typename?: 'Mutation', addPaymentMethod: { __typename?: 'PaymentMethod', id: string } };

export type RemovePaymentMethodMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RemovePaymentMethodMutation = { __typename?: 'Mutation', removePaymentMethod: string };

export type AddAddressMutationVariables = Exact<{
  input: AddressInputObject;
}>;


export type AddAddressMutation = { __typename?: 'Mutation', addAddress: { __typename?: 'Address', id: string, recipient: string, line1: string, line2?: string | null, city: string, region?: string | null, postalCode: string, country: string, phone?: string | null, isDefault: boolean } };

export type UpdateAddressMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: AddressInputObject;
}>;


export type UpdateAddressMutation = { __typename?: 'Mutation', updateAddress: { __typename?: 'Address', id: string, recipient: string, line1: string, line2?: string | null, city: string, region?: string | null, postalCode: string, country: string, phone?: string | null, isDefault: boolean } };

export type RemoveAddressMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RemoveAddressMutation = { __typename?: 'Mutation', removeAddress: boolean };

export type SetDefaultAddressMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type SetDefaultAddressMutation = { __typename?: 'Mutation', setDefaultAddress: { __typename?: 'Address', id: string, recipient: string, line1: string, line2?: string | null, city: string, region?: string | null, postalCode: string, country: string, phone?: string | null, isDefault: boolean } };

export type CheckoutPageQueryVariables = Exact<{ [key: string]: never; }>;


export type CheckoutPageQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, addresses: Array<{ __typename?: 'Address', id: string, recipient: string, line1: string, line2?: string | null, city: string, region?: string | null, postalCode: string, country: string, phone?: string | null, isDefault: boolean }>, paymentMethods: Array<{ __typename?: 'PaymentMethod', id: string, brand: string, last4: string, expMonth: number, expYear: number }>, cart: { __typename?: 'Cart', itemCount: number, estimateCountry: string, subtotal?: { __typename?: 'Money', amount: string, currency: string } | null, estimatedShipping?: { __typename?: 'Money', amount: string, currency: string } | null, estimatedTax?: { __typename?: 'Money', amount: string, currency: string } | null, total?: { __typename?: 'Money', amount: string, currency: string } | null, lines: Array<{ __typename?: 'CartLine', id: string, quantity: number, unitPrice: { __typename?: 'Money', amount: string, currency: string }, lineTotal: { __typename?: 'Money', amount: string, currency: string }, product: { __typename?: 'Product', id: string, name: string, stockStatus: StockStatus, images: Array<{ __typename?: 'ProductImage', url: string, alt: string }> } }>, problems: Array<{ __typename?: 'CartProblem', lineId: string, kind: CartProblemKind, message: string, available?: number | null, previousPrice?: { __typename?: 'Money', amount: string, currency: string } | null, currentPrice?: { __typename?: 'Money', amount: string, currency: string } | null }> } } };

export type CheckoutMutationVariables = Exact<{
  input: CheckoutInput;
}>;


export type CheckoutMutation = { __typename?: 'Mutation', checkout: { __typename?: 'Order', id: string, status: OrderStatus } };

export type OrdersQueryVariables = Exact<{
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type OrdersQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, orders: { __typename?: 'OrderConnection', pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Order', id: string, status: OrderStatus, createdAt: string, total: { __typename?: 'Money', amount: string, currency: string }, lines: Array<{ __typename?: 'OrderLine', productName: string, quantity: number }> }> } } };

export type OrderQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type OrderQuery = { __typename?: 'Query', order: { __typename?: 'Order', id: string, status: OrderStatus, createdAt: string, taxRatePercent: string, subtotal: { __typename?: 'Money', amount: string, currency: string }, shippingCost: { __typename?: 'Money', amount: string, currency: string }, tax: { __typename?: 'Money', amount: string, currency: string }, total: { __typename?: 'Money', amount: string, currency: string }, lines: Array<{ __typename?: 'OrderLine', productName: string, sku?: string | null, quantity: number, unitPrice: { __typename?: 'Money', amount: string, currency: string }, lineTotal: { __typename?: 'Money', amount: string, currency: string }, product: { __typename?: 'Product', id: string } }>, shippingAddress?: { __typename?: 'OrderAddress', recipient: string, line1: string, line2?: string | null, city: string, region?: string | null, postalCode: string, country: string } | null, payments: Array<{ __typename?: 'Payment', id: string, status: PaymentStatus, cardBrand: string, cardLast4: string, failureReason?: string | null, amount: { __typename?: 'Money', amount: string, currency: string } }>, refunds: Array<{ __typename?: 'Refund', id: string, status: RefundStatus, reason: string, amount: { __typename?: 'Money', amount: string, currency: string } }>, invoice?: { __typename?: 'Invoice', id: string, number: string, pdfPath: string } | null, shipment?: { __typename?: 'Shipment', carrier: string, trackingNumber: string, status: ShipmentStatus, shippedAt: string, deliveredAt?: string | null, events: Array<{ __typename?: 'TrackingEvent', status: string, description: string, location?: string | null, at: string }> } | null, returns: Array<{ __typename?: 'Return', id: string, status: ReturnStatus, reason: string, createdAt: string }>, timeline: Array<{ __typename?: 'OrderEvent', status: OrderStatus, at: string, actorKind: OrderActorKind, note: string }> } };

export type CancelOrderMutationVariables = Exact<{
  orderId: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type CancelOrderMutation = { __typename?: 'Mutation', cancelOrder: { __typename?: 'Order', id: string, status: OrderStatus } };

export type RequestReturnMutationVariables = Exact<{
  input: RequestReturnInput;
}>;


export type RequestReturnMutation = { __typename?: 'Mutation', requestReturn: { __typename?: 'Return', id: string, status: ReturnStatus } };

export type NotificationsQueryVariables = Exact<{ [key: string]: never; }>;


export type NotificationsQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, unreadNotificationCount: number, notifications: { __typename?: 'NotificationConnection', nodes: Array<{ __typename?: 'Notification', id: string, category: NotificationCategory, title: string, body: string, link?: string | null, createdAt: string, read: boolean }> } } };

export type NotificationPreferencesQueryVariables = Exact<{ [key: string]: never; }>;


export type NotificationPreferencesQuery = { __typename?: 'Query', me: { __typename?: 'User', id: string, notificationPreferences: Array<{ __typename?: 'NotificationPreference', category: NotificationCategory, email: boolean, sms: boolean, inApp: boolean }> } };

export type UpdateNotificationPreferenceMutationVariables = Exact<{
  category: Scalars['String']['input'];
  email?: InputMaybe<Scalars['Boolean']['input']>;
  sms?: InputMaybe<Scalars['Boolean']['input']>;
  inApp?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type UpdateNotificationPreferenceMutation = { __typename?: 'Mutation', updateNotificationPreference: { __typename?: 'NotificationPreference', category: NotificationCategory, email: boolean, sms: boolean, inApp: boolean } };

export type ChangePasswordMutationVariables = Exact<{
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
}>;


export type ChangePasswordMutation = { __typename?: 'Mutation', changePassword: boolean };

export type MarkAllNotificationsReadMutationVariables = Exact<{ [key: string]: never; }>;


export type MarkAllNotificationsReadMutation = { __typename?: 'Mutation', markAllNotificationsRead: number };

export const MoneyFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]} as unknown as DocumentNode<MoneyFieldsFragment, unknown>;
export const AdminProductFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminProduct"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compareAtPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"weightGrams"}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"onHand"}},{"kind":"Field","name":{"kind":"Name","value":"reserved"}},{"kind":"Field","name":{"kind":"Name","value":"lowStockThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]} as unknown as DocumentNode<AdminProductFragment, unknown>;
export const ProductCardFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProductCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compareAtPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rating"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"average"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]} as unknown as DocumentNode<ProductCardFragment, unknown>;
export const CartFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CartFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"subtotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimatedShipping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimatedTax"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimateCountry"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lineTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lineId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"previousPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]} as unknown as DocumentNode<CartFieldsFragment, unknown>;
export const AddressFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AddressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Address"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]} as unknown as DocumentNode<AddressFieldsFragment, unknown>;
export const AdminMeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminMe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"unreadNotificationCount"}}]}}]}}]} as unknown as DocumentNode<AdminMeQuery, AdminMeQueryVariables>;
export const AdminProductsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminProducts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProductFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"EnumValue","value":"NEWEST"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"25"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminProduct"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminProduct"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compareAtPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"weightGrams"}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"onHand"}},{"kind":"Field","name":{"kind":"Name","value":"reserved"}},{"kind":"Field","name":{"kind":"Name","value":"lowStockThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<AdminProductsQuery, AdminProductsQueryVariables>;
export const AdminProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminProduct"}},{"kind":"Field","name":{"kind":"Name","value":"stockMovements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"delta"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"orderId"}},{"kind":"Field","name":{"kind":"Name","value":"onHandAfter"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reviews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"hidden"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedPurchase"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminProduct"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compareAtPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"weightGrams"}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"onHand"}},{"kind":"Field","name":{"kind":"Name","value":"reserved"}},{"kind":"Field","name":{"kind":"Name","value":"lowStockThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<AdminProductQuery, AdminProductQueryVariables>;
export const CreateProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateProductInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminProduct"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminProduct"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compareAtPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"weightGrams"}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"onHand"}},{"kind":"Field","name":{"kind":"Name","value":"reserved"}},{"kind":"Field","name":{"kind":"Name","value":"lowStockThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<CreateProductMutation, CreateProductMutationVariables>;
export const UpdateProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateProductInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminProduct"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminProduct"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compareAtPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"weightGrams"}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"onHand"}},{"kind":"Field","name":{"kind":"Name","value":"reserved"}},{"kind":"Field","name":{"kind":"Name","value":"lowStockThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<UpdateProductMutation, UpdateProductMutationVariables>;
export const SetProductCategoriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetProductCategories"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"productId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"categoryIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setProductCategories"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"productId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"productId"}}},{"kind":"Argument","name":{"kind":"Name","value":"categoryIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"categoryIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<SetProductCategoriesMutation, SetProductCategoriesMutationVariables>;
export const ArchiveProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ArchiveProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archiveProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ArchiveProductMutation, ArchiveProductMutationVariables>;
export const DeleteProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteProduct"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteProduct"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteProductMutation, DeleteProductMutationVariables>;
export const AdjustStockDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AdjustStock"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AdjustStockInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"adjustStock"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AdminProduct"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AdminProduct"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compareAtPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"weightGrams"}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}},{"kind":"Field","name":{"kind":"Name","value":"stock"}},{"kind":"Field","name":{"kind":"Name","value":"onHand"}},{"kind":"Field","name":{"kind":"Name","value":"reserved"}},{"kind":"Field","name":{"kind":"Name","value":"lowStockThreshold"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]} as unknown as DocumentNode<AdjustStockMutation, AdjustStockMutationVariables>;
export const HideReviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"HideReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"hidden"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hideReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"hidden"},"value":{"kind":"Variable","name":{"kind":"Name","value":"hidden"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hidden"}}]}}]}}]} as unknown as DocumentNode<HideReviewMutation, HideReviewMutationVariables>;
export const AdminCategoriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminCategories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<AdminCategoriesQuery, AdminCategoriesQueryVariables>;
export const CreateCategoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCategory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCategory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}},{"kind":"Argument","name":{"kind":"Name","value":"parentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateCategoryMutation, CreateCategoryMutationVariables>;
export const RenameCategoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenameCategory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renameCategory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RenameCategoryMutation, RenameCategoryMutationVariables>;
export const MoveCategoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MoveCategory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"parentId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"moveCategory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"parentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"parentId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<MoveCategoryMutation, MoveCategoryMutationVariables>;
export const StaffAlertsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StaffAlerts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"notifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"30"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"link"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"read"}}]}}]}}]}}]}}]} as unknown as DocumentNode<StaffAlertsQuery, StaffAlertsQueryVariables>;
export const AdminOrdersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminOrders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"StaffOrderFilterInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"25"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]} as unknown as DocumentNode<AdminOrdersQuery, AdminOrdersQueryVariables>;
export const AdminOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productName"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lineTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippingAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cardBrand"}},{"kind":"Field","name":{"kind":"Name","value":"cardLast4"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"refunds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"shipment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"returns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actorKind"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]} as unknown as DocumentNode<AdminOrderQuery, AdminOrderQueryVariables>;
export const MarkOrderFulfillingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkOrderFulfilling"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markOrderFulfilling"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<MarkOrderFulfillingMutation, MarkOrderFulfillingMutationVariables>;
export const ShipOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ShipOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"carrier"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"trackingNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"shipOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}},{"kind":"Argument","name":{"kind":"Name","value":"carrier"},"value":{"kind":"Variable","name":{"kind":"Name","value":"carrier"}}},{"kind":"Argument","name":{"kind":"Name","value":"trackingNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"trackingNumber"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ShipOrderMutation, ShipOrderMutationVariables>;
export const MarkOrderDeliveredDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkOrderDelivered"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markOrderDelivered"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<MarkOrderDeliveredMutation, MarkOrderDeliveredMutationVariables>;
export const RefundOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefundOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"amount"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refundOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}},{"kind":"Argument","name":{"kind":"Name","value":"amount"},"value":{"kind":"Variable","name":{"kind":"Name","value":"amount"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<RefundOrderMutation, RefundOrderMutationVariables>;
export const ApproveReturnDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveReturn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"returnId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveReturn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"returnId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"returnId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ApproveReturnMutation, ApproveReturnMutationVariables>;
export const RejectReturnDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectReturn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"returnId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"note"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectReturn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"returnId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"returnId"}}},{"kind":"Argument","name":{"kind":"Name","value":"note"},"value":{"kind":"Variable","name":{"kind":"Name","value":"note"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<RejectReturnMutation, RejectReturnMutationVariables>;
export const ReceiveReturnDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReceiveReturn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"returnId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refundAmount"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"receiveReturn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"returnId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"returnId"}}},{"kind":"Argument","name":{"kind":"Name","value":"refundAmount"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refundAmount"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<ReceiveReturnMutation, ReceiveReturnMutationVariables>;
export const UsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Users"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"UserFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"25"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]}}]} as unknown as DocumentNode<UsersQuery, UsersQueryVariables>;
export const SetUserRolesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetUserRoles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"roles"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Role"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setUserRoles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"roles"},"value":{"kind":"Variable","name":{"kind":"Name","value":"roles"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]} as unknown as DocumentNode<SetUserRolesMutation, SetUserRolesMutationVariables>;
export const DeactivateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeactivateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deactivateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]} as unknown as DocumentNode<DeactivateUserMutation, DeactivateUserMutationVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const RefreshSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}}]}}]}}]}}]} as unknown as DocumentNode<RefreshSessionMutation, RefreshSessionMutationVariables>;
export const LogoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"}}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const HeaderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Header"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"unreadNotificationCount"}},{"kind":"Field","name":{"kind":"Name","value":"cart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"itemCount"}}]}}]}}]}}]} as unknown as DocumentNode<HeaderQuery, HeaderQueryVariables>;
export const CategoriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"parent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<CategoriesQuery, CategoriesQueryVariables>;
export const ProductsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Products"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProductFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sort"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ProductSort"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sort"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"totalCountIsExact"}},{"kind":"Field","name":{"kind":"Name","value":"searchedAs"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProductCard"}}]}},{"kind":"Field","name":{"kind":"Name","value":"facets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"brands"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"priceBuckets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"min"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"max"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProductCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compareAtPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rating"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"average"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}}]}}]} as unknown as DocumentNode<ProductsQuery, ProductsQueryVariables>;
export const ProductDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Product"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"signedIn"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProductCard"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"weightGrams"}},{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"breadcrumbs"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attributes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"frequentlyBoughtTogether"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"4"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProductCard"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reviews"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"rating"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedPurchase"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"author"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"me"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"signedIn"}}}]}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"wishlist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"defaultShippingAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProductCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compareAtPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rating"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"average"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}}]}}]} as unknown as DocumentNode<ProductQuery, ProductQueryVariables>;
export const ShippingEstimateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ShippingEstimate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"postalCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"country"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"shippingEstimate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"postalCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"postalCode"}}},{"kind":"Argument","name":{"kind":"Name","value":"country"},"value":{"kind":"Variable","name":{"kind":"Name","value":"country"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]} as unknown as DocumentNode<ShippingEstimateQuery, ShippingEstimateQueryVariables>;
export const WriteReviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WriteReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WriteReviewInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"writeReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"verifiedPurchase"}}]}}]}}]} as unknown as DocumentNode<WriteReviewMutation, WriteReviewMutationVariables>;
export const AddToWishlistDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddToWishlist"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"productId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addToWishlist"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"productId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"productId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"wishlist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<AddToWishlistMutation, AddToWishlistMutationVariables>;
export const RemoveFromWishlistDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveFromWishlist"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"productId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeFromWishlist"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"productId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"productId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"wishlist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveFromWishlistMutation, RemoveFromWishlistMutationVariables>;
export const WishlistDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Wishlist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"wishlist"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProductCard"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProductCard"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Product"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compareAtPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rating"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"average"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}}]}}]} as unknown as DocumentNode<WishlistQuery, WishlistQueryVariables>;
export const CartDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Cart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CartFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CartFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"subtotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimatedShipping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimatedTax"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimateCountry"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lineTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lineId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"previousPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}}]}}]}}]} as unknown as DocumentNode<CartQuery, CartQueryVariables>;
export const AddToCartDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddToCart"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"productId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quantity"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addToCart"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"productId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"productId"}}},{"kind":"Argument","name":{"kind":"Name","value":"quantity"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quantity"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CartFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CartFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"subtotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimatedShipping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimatedTax"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimateCountry"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lineTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lineId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"previousPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}}]}}]}}]} as unknown as DocumentNode<AddToCartMutation, AddToCartMutationVariables>;
export const UpdateCartLineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCartLine"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lineId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quantity"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCartLine"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lineId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lineId"}}},{"kind":"Argument","name":{"kind":"Name","value":"quantity"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quantity"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CartFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CartFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"subtotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimatedShipping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimatedTax"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimateCountry"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lineTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lineId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"previousPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateCartLineMutation, UpdateCartLineMutationVariables>;
export const RemoveCartLineDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveCartLine"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lineId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeCartLine"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lineId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lineId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CartFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CartFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"subtotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimatedShipping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimatedTax"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimateCountry"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lineTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lineId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"previousPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveCartLineMutation, RemoveCartLineMutationVariables>;
export const RegisterDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Register"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"register"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<RegisterMutation, RegisterMutationVariables>;
export const RequestPasswordResetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestPasswordReset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestPasswordReset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}}]}]}}]} as unknown as DocumentNode<RequestPasswordResetMutation, RequestPasswordResetMutationVariables>;
export const ResetPasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}},{"kind":"Argument","name":{"kind":"Name","value":"newPassword"},"value":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}}}]}]}}]} as unknown as DocumentNode<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const VerifyEmailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VerifyEmail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyEmail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}}]}}]}}]} as unknown as DocumentNode<VerifyEmailMutation, VerifyEmailMutationVariables>;
export const AccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"addresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AddressFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AddressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Address"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]} as unknown as DocumentNode<AccountQuery, AccountQueryVariables>;
export const PaymentMethodsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PaymentMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"paymentMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}},{"kind":"Field","name":{"kind":"Name","value":"expMonth"}},{"kind":"Field","name":{"kind":"Name","value":"expYear"}}]}}]}}]} as unknown as DocumentNode<PaymentMethodsQuery, PaymentMethodsQueryVariables>;
export const AddPaymentMethodDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddPaymentMethod"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addPaymentMethod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<AddPaymentMethodMutation, AddPaymentMethodMutationVariables>;
export const RemovePaymentMethodDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemovePaymentMethod"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removePaymentMethod"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<RemovePaymentMethodMutation, RemovePaymentMethodMutationVariables>;
export const AddAddressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddAddress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddressInputObject"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addAddress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AddressFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AddressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Address"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]} as unknown as DocumentNode<AddAddressMutation, AddAddressMutationVariables>;
export const UpdateAddressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateAddress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddressInputObject"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAddress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AddressFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AddressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Address"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]} as unknown as DocumentNode<UpdateAddressMutation, UpdateAddressMutationVariables>;
export const RemoveAddressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveAddress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeAddress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<RemoveAddressMutation, RemoveAddressMutationVariables>;
export const SetDefaultAddressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetDefaultAddress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setDefaultAddress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AddressFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AddressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Address"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}}]} as unknown as DocumentNode<SetDefaultAddressMutation, SetDefaultAddressMutationVariables>;
export const CheckoutPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CheckoutPage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"addresses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AddressFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"paymentMethods"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"brand"}},{"kind":"Field","name":{"kind":"Name","value":"last4"}},{"kind":"Field","name":{"kind":"Name","value":"expMonth"}},{"kind":"Field","name":{"kind":"Name","value":"expYear"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cart"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CartFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AddressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Address"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CartFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Cart"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"itemCount"}},{"kind":"Field","name":{"kind":"Name","value":"subtotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimatedShipping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimatedTax"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"estimateCountry"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lineTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"stockStatus"}},{"kind":"Field","name":{"kind":"Name","value":"images"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"alt"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"problems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lineId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"available"}},{"kind":"Field","name":{"kind":"Name","value":"previousPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"currentPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}}]}}]}}]} as unknown as DocumentNode<CheckoutPageQuery, CheckoutPageQueryVariables>;
export const CheckoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Checkout"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CheckoutInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CheckoutMutation, CheckoutMutationVariables>;
export const OrdersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Orders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"orders"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productName"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]} as unknown as DocumentNode<OrdersQuery, OrdersQueryVariables>;
export const OrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Order"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"order"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"subtotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippingCost"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tax"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"taxRatePercent"}},{"kind":"Field","name":{"kind":"Name","value":"total"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"productName"}},{"kind":"Field","name":{"kind":"Name","value":"sku"}},{"kind":"Field","name":{"kind":"Name","value":"quantity"}},{"kind":"Field","name":{"kind":"Name","value":"unitPrice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lineTotal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"shippingAddress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recipient"}},{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cardBrand"}},{"kind":"Field","name":{"kind":"Name","value":"cardLast4"}},{"kind":"Field","name":{"kind":"Name","value":"failureReason"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"refunds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"amount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MoneyFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"invoice"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"number"}},{"kind":"Field","name":{"kind":"Name","value":"pdfPath"}}]}},{"kind":"Field","name":{"kind":"Name","value":"shipment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"carrier"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"shippedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"location"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"returns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"timeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actorKind"}},{"kind":"Field","name":{"kind":"Name","value":"note"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MoneyFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Money"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}}]} as unknown as DocumentNode<OrderQuery, OrderQueryVariables>;
export const CancelOrderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelOrder"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelOrder"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderId"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<CancelOrderMutation, CancelOrderMutationVariables>;
export const RequestReturnDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestReturn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestReturnInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestReturn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<RequestReturnMutation, RequestReturnMutationVariables>;
export const NotificationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Notifications"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"unreadNotificationCount"}},{"kind":"Field","name":{"kind":"Name","value":"notifications"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"link"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"read"}}]}}]}}]}}]}}]} as unknown as DocumentNode<NotificationsQuery, NotificationsQueryVariables>;
export const NotificationPreferencesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NotificationPreferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"notificationPreferences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"sms"}},{"kind":"Field","name":{"kind":"Name","value":"inApp"}}]}}]}}]}}]} as unknown as DocumentNode<NotificationPreferencesQuery, NotificationPreferencesQueryVariables>;
export const UpdateNotificationPreferenceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateNotificationPreference"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"category"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sms"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"inApp"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateNotificationPreference"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"category"},"value":{"kind":"Variable","name":{"kind":"Name","value":"category"}}},{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"sms"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sms"}}},{"kind":"Argument","name":{"kind":"Name","value":"inApp"},"value":{"kind":"Variable","name":{"kind":"Name","value":"inApp"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"sms"}},{"kind":"Field","name":{"kind":"Name","value":"inApp"}}]}}]}}]} as unknown as DocumentNode<UpdateNotificationPreferenceMutation, UpdateNotificationPreferenceMutationVariables>;
export const ChangePasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangePassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"currentPassword"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changePassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"currentPassword"},"value":{"kind":"Variable","name":{"kind":"Name","value":"currentPassword"}}},{"kind":"Argument","name":{"kind":"Name","value":"newPassword"},"value":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}}}]}]}}]} as unknown as DocumentNode<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const MarkAllNotificationsReadDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MarkAllNotificationsRead"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"markAllNotificationsRead"}}]}}]} as unknown as DocumentNode<MarkAllNotificationsReadMutation, MarkAllNotificationsReadMutationVariables>;