// The account: who is signed in, and the address book.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorNote, saveSession, useSession } from "@shop/shared";
import type { AddressFieldsFragment, AddressInputObject } from "@shop/shared/src/gql/graphql";
import {
  AccountDocument,
  AddAddressDocument,
  AddPaymentMethodDocument,
  ChangePasswordDocument,
  PaymentMethodsDocument,
  RemoveAddressDocument,
  RemovePaymentMethodDocument,
  SetDefaultAddressDocument,
  UpdateAddressDocument,
} from "../operations";
import { SignInFirst } from "../App";

const EMPTY: AddressInputObject = { recipient: "", line1: "", line2: "", city: "", region: "", postalCode: "", country: "US", phone: "" };

/** Adds an address, or edits `address`; `onSaved` gets its id. */
export function AddressForm({ address, onSaved }: { address?: AddressFieldsFragment; onSaved: (id: string) => void }) {
  const [input, setInput] = useState<AddressInputObject>(() =>
    address
      ? {
          recipient: address.recipient,
          line1: address.line1,
          line2: address.line2 ?? "",
          city: address.city,
          region: address.region ?? "",
          postalCode: address.postalCode,
          country: address.country,
          phone: address.phone ?? "",
        }
      : EMPTY,
  );
  const [added, add] = useMutation(AddAddressDocument);
  const [updated, update] = useMutation(UpdateAddressDocument);
  const field = (key: keyof AddressInputObject, label: string, props: Record<string, unknown> = {}) => (
    <label>
      {label} <input value={(input[key] as string) ?? ""} onChange={(e) => setInput({ ...input, [key]: e.target.value })} {...props} />
    </label>
  );
  async function submit(e: FormEvent) {
    e.preventDefault();
    const clean = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v === "" ? null : v])) as AddressInputObject;
    const r = address ? await update({ id: address.id, input: clean }) : await add({ input: clean });
    const id = r.data && ("addAddress" in r.data ? r.data.addAddress.id : r.data.updateAddress.id);
    if (id) {
      if (!address) setInput(EMPTY);
      onSaved(id);
    }
  }
  return (
    <form onSubmit={submit} className="grid-form" aria-label={address ? "Edit address" : "New address"}>
      {field("recipient", "Recipient", { required: true, autoComplete: "name" })}
      {field("line1", "Address line 1", { required: true, autoComplete: "address-line1" })}
      {field("line2", "Address line 2", { autoComplete: "address-line2" })}
      {field("city", "City", { required: true, autoComplete: "address-level2" })}
      {field("region", "Region or state", { autoComplete: "address-level1" })}
      {field("postalCode", "Postal code", { required: true, autoComplete: "postal-code" })}
      {field("country", "Country (2 letters)", { required: true, maxLength: 2, autoComplete: "country" })}
      {field("phone", "Phone", { autoComplete: "tel" })}
      <ErrorNote error={added.error ?? updated.error} />
      <button type="submit">{address ? "Save address" : "Add address"}</button>
    </form>
  );
}

/** Saved cards: the provider keeps the card, the shop a token and its last four digits. */
function SavedCards() {
  const [{ data, error }, refetch] = useQuery({ query: PaymentMethodsDocument });
  const [added, add] = useMutation(AddPaymentMethodDocument);
  const [removed, remove] = useMutation(RemovePaymentMethodDocument);
  const [token, setToken] = useState("tok_visa");
  const reload = () => refetch({ requestPolicy: "network-only" });
  return (
    <section aria-labelledby="cards-heading" className="stack">
      <h2 id="cards-heading">Saved cards</h2>
      <ErrorNote error={error ?? added.error ?? removed.error} />
      <ul>
        {data?.paymentMethods.map((m) => (
          <li key={m.id}>
            {m.brand} ending {m.last4}, expires {m.expMonth}/{m.expYear}{" "}
            <button type="button" className="link" onClick={() => remove({ id: m.id }).then(reload)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          add({ token }).then(reload);
        }}
      >
        <label>
          Test card{" "}
          <select value={token} onChange={(e) => setToken(e.target.value)}>
            <option value="tok_visa">Visa (tok_visa)</option>
            <option value="tok_mastercard">Mastercard (tok_mastercard)</option>
          </select>
        </label>
        <button type="submit">Save card</button>
      </form>
    </section>
  );
}

function ChangePassword() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [result, change] = useMutation(ChangePasswordDocument);
  return (
    <form
      className="inline-form"
      aria-labelledby="password-heading"
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await change({ currentPassword: current, newPassword: next });
        // Every session ends, this one too: sign in again with the new password.
        if (r.data) saveSession(null);
      }}
    >
      <h2 id="password-heading">Password</h2>
      <label>
        Current password <input type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
      </label>
      <label>
        New password <input type="password" autoComplete="new-password" required minLength={8} value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <button type="submit">Change password</button>
      <ErrorNote error={result.error} />
    </form>
  );
}

export default function Account() {
  const session = useSession();
  const [{ data, error }, refetch] = useQuery({ query: AccountDocument, pause: !session });
  const [removed, remove] = useMutation(RemoveAddressDocument);
  const [madeDefault, makeDefault] = useMutation(SetDefaultAddressDocument);
  const [editing, setEditing] = useState<string>();
  if (!session) return <SignInFirst what="Your account" />;
  const me = data?.me;
  const reload = () => refetch({ requestPolicy: "network-only" });
  return (
    <section className="stack" aria-labelledby="account-heading">
      <h1 id="account-heading">Your account</h1>
      <ErrorNote error={error ?? removed.error ?? madeDefault.error} />
      {me ? (
        <p>
          {me.name}, {me.email} {me.emailVerified ? "(verified)" : "(not verified yet: see the email we sent)"}
        </p>
      ) : null}
      <h2>Address book</h2>
      <ul className="addresses">
        {me?.addresses.map((a) => (
          <li key={a.id}>
            {editing === a.id ? (
              <AddressForm
                address={a}
                onSaved={() => {
                  setEditing(undefined);
                  reload();
                }}
              />
            ) : (
              <address>
                {a.recipient}
                <br />
                {a.line1}
                {a.line2 ? `, ${a.line2}` : ""}
                <br />
                {a.city} {a.region} {a.postalCode}, {a.country}
              </address>
            )}
            {a.isDefault ? <strong>Default</strong> : null}
            <div className="inline-form">
              <button type="button" onClick={() => setEditing(editing === a.id ? undefined : a.id)}>
                {editing === a.id ? "Cancel" : "Edit"}
              </button>
              {!a.isDefault ? (
                <button type="button" onClick={() => makeDefault({ id: a.id }).then(reload)}>
                  Make default
                </button>
              ) : null}
              <button type="button" onClick={() => remove({ id: a.id }).then(reload)}>
                Remove
              </button>
            </div>
          </li>
        ))}
      </ul>
      <h3>Add an address</h3>
      <AddressForm onSaved={reload} />
      <SavedCards />
      <ChangePassword />
    </section>
  );
}
