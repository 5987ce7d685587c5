// The admin app beside the storefront: fulfilment, stock, and the role gate.
import { addAddressAtCheckout, addToCart, adminSignIn, expect, expectAccessible, pay, registerCustomer, shot, test, uniqueWord } from "./fixtures";

test("fulfilment: the admin app ships the order with a tracking number, and the storefront shows it", async ({ page, otherPage: staff, api }) => {
  const product = await api.createProduct({ stock: 10 });
  await registerCustomer(page);
  await addToCart(page, product.id, 1);
  await page.goto("/checkout");
  await addAddressAtCheckout(page);
  await pay(page, "tok_visa");
  await expect(page.getByTestId("order-status")).toHaveText("Paid");
  const orderId = new URL(page.url()).pathname.split("/").pop()!;

  await adminSignIn(staff);
  await staff.getByRole("link", { name: "Orders", exact: true }).click();
  await staff.getByRole("checkbox", { name: "Paid", exact: true }).check();
  await staff.locator(`[data-order-id="${orderId}"]`).getByRole("link").click();
  await expect(staff.getByTestId("admin-order-status")).toHaveText("Paid");
  await expectAccessible(staff, "admin order");
  await staff.getByRole("button", { name: "Start fulfilling" }).click();
  await expect(staff.getByTestId("admin-order-status")).toHaveText("Fulfilling");
  const tracking = `1Z${uniqueWord().toUpperCase()}`;
  await staff.getByLabel("Carrier").fill("UPS");
  await staff.getByLabel("Tracking number").fill(tracking);
  await staff.getByRole("button", { name: "Ship", exact: true }).click();
  await expect(staff.getByTestId("admin-order-status")).toHaveText("Shipped");
  await shot(staff, "admin-order");

  await page.reload();
  await expect(page.getByTestId("order-status")).toHaveText("Shipped");
  await expect(page.getByTestId("tracking-number")).toHaveText(tracking);
  await shot(page, "order-shipped");
});

test("stock: an adjustment in the admin app changes the storefront's stock status", async ({ page, otherPage: staff, api }) => {
  const product = await api.createProduct({ stock: 10, lowStockThreshold: 3 });
  await registerCustomer(page);
  await page.goto(`/products/${product.id}`);
  await expect(page.getByTestId("stock-status")).toContainText("In stock");

  await adminSignIn(staff);
  await staff.goto(`/admin/products/${product.id}`);
  const adjust = staff.getByRole("form", { name: "Adjust stock" });
  await adjust.getByLabel("Change by").fill("-8");
  await adjust.getByLabel("Reason").selectOption("CORRECTION");
  await adjust.getByLabel("Note").fill("counted the shelf");
  await adjust.getByRole("button", { name: "Adjust stock" }).click();
  await expect(staff.getByTestId("admin-stock")).toContainText("available 2");
  await expect(staff.getByRole("row", { name: /-8 Correction 2 counted the shelf/ })).toBeVisible();

  await page.reload();
  await expect(page.getByTestId("stock-status")).toContainText("Low stock");

  await adjust.getByLabel("Change by").fill("-2");
  await adjust.getByRole("button", { name: "Adjust stock" }).click();
  await expect(staff.getByTestId("admin-stock")).toContainText("available 0");
  await page.reload();
  await expect(page.getByTestId("stock-status")).toContainText("Out of stock");
  await expect(page.getByRole("button", { name: "Add to cart" })).toBeDisabled();
});

test("roles: a customer who opens the admin app is refused", async ({ page }) => {
  const customer = await registerCustomer(page);
  await adminSignIn(page, customer.email, customer.password);
  const refusal = page.locator('[role="alert"][data-code="FORBIDDEN"]');
  await expect(refusal).toContainText("lacks the STAFF or ADMIN role");
  await expect(page.getByRole("link", { name: "Orders", exact: true })).toHaveCount(0);
  await expectAccessible(page, "admin refusal");
});
