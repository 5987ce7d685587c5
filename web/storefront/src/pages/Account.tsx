// The account: who is signed in, and the address book.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorNote, useSession } from "@shop/shared";
import type { AddressFieldsFragment, AddressInputObject } from "@shop/shared/src/gql/graphql";
import { AccountDocument, AddAddressDocument, RemoveAddressDocument, SetDefaultAddressDocument, UpdateAddressDocument } from "../operations";
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
    </section>
  );
}
