import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { Provider } from "urql";
import { createClient, setSessionKey } from "@shop/shared";
import { App } from "./App";
import "@shop/shared/src/styles.css";

setSessionKey("shop.session");
const client = createClient();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Provider value={client}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </Provider>
  </StrictMode>,
);
