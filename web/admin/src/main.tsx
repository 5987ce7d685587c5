import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { Provider } from "urql";
import { createClient, setSessionKey } from "@shop/shared";
import "@shop/shared/src/styles.css";
import { App } from "./App";

// Staff sign in here separately from the storefront's customer session.
setSessionKey("shop.admin.session");
const client = createClient();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Provider value={client}>
      <BrowserRouter basename="/admin">
        <App />
      </BrowserRouter>
    </Provider>
  </StrictMode>,
);
