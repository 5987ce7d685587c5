// graphql-codegen: types for every operation of the apps, from the
// committed supergraph (../supergraph.graphql, composed from the subgraphs'
// code by `cargo xtask compose`). `npm run codegen:check` fails when the
// generated files drift from the schema or the operations, and codegen
// itself fails when an operation no longer validates against the schema.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../supergraph.graphql",
  documents: ["shared/src/**/*.{ts,tsx}", "storefront/src/**/*.{ts,tsx}", "admin/src/**/*.{ts,tsx}", "!shared/src/gql/**"],
  ignoreNoDocuments: false,
  generates: {
    "shared/src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { DateTime: "string" },
      },
    },
  },
};

export default config;
