// The category tree: add, rename and move categories.
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { ErrorNote } from "@shop/shared";
import { AdminCategoriesDocument, CreateCategoryDocument, MoveCategoryDocument, RenameCategoryDocument } from "../operations";

type Category = { id: string; name: string; path: string; parent?: { id: string } | null };

function Node({ category, all, depth }: { category: Category; all: Category[]; depth: number }) {
  const [name, setName] = useState(category.name);
  const [renamed, rename] = useMutation(RenameCategoryDocument);
  const [moved, move] = useMutation(MoveCategoryDocument);
  const children = all.filter((c) => c.parent?.id === category.id);
  return (
    <li>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          rename({ id: category.id, name });
        }}
      >
        <label>
          <span className="visually-hidden">Name of {category.path}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} style={{ marginLeft: depth * 16 }} />
        </label>
        <button type="submit">Rename</button>
        <label>
          Parent{" "}
          <select
            value={category.parent?.id ?? ""}
            onChange={(e) => move({ id: category.id, parentId: e.target.value || null })}
          >
            <option value="">(top level)</option>
            {all
              .filter((c) => c.id !== category.id && !c.path.startsWith(category.path + "/"))
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.path}
                </option>
              ))}
          </select>
        </label>
        <ErrorNote error={renamed.error ?? moved.error} />
      </form>
      {children.length ? (
        <ul className="tree">
          {children.map((c) => (
            <Node key={c.id} category={c} all={all} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function Categories() {
  const [{ data, error }, refetch] = useQuery({ query: AdminCategoriesDocument });
  const [created, create] = useMutation(CreateCategoryDocument);
  const [name, setName] = useState("");
  const [parentId, setParentId] = useState("");
  const all = data?.categories ?? [];
  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = await create({ name, parentId: parentId || null });
    if (r.data) {
      setName("");
      refetch({ requestPolicy: "network-only" });
    }
  }
  return (
    <div className="stack">
      <h1>Categories</h1>
      <ErrorNote error={error} />
      <form onSubmit={submit} className="inline-form" aria-label="New category">
        <label>
          New category <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Under{" "}
          <select value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">(top level)</option>
            {all.map((c) => (
              <option key={c.id} value={c.id}>
                {c.path}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Add</button>
        <ErrorNote error={created.error} />
      </form>
      <ul className="tree">
        {all
          .filter((c) => !c.parent)
          .map((c) => (
            <Node key={c.id} category={c} all={all} depth={0} />
          ))}
      </ul>
    </div>
  );
}
