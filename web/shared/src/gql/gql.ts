/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AdminMe {\n    me {\n      id\n      name\n      email\n      roles\n      unreadNotificationCount\n    }\n  }\n": typeof types.AdminMeDocument,
    "\n  fragment AdminProduct on Product {\n    id\n    name\n    slug\n    sku\n    brand\n    description\n    status\n    price {\n      ...MoneyFields\n    }\n    compareAtPrice {\n      ...MoneyFields\n    }\n    weightGrams\n    images {\n      url\n      alt\n    }\n    attributes {\n      key\n      type\n      value\n    }\n    categories {\n      id\n      name\n    }\n    stockStatus\n    stock\n    onHand\n    reserved\n    lowStockThreshold\n    updatedAt\n  }\n": typeof types.AdminProductFragmentDoc,
    "\n  query AdminProducts($filter: ProductFilter, $after: String) {\n    products(filter: $filter, sort: NEWEST, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminProduct\n      }\n    }\n  }\n": typeof types.AdminProductsDocument,
    "\n  query AdminProduct($id: ID!) {\n    product(id: $id) {\n      ...AdminProduct\n      stockMovements(first: 50) {\n        id\n        delta\n        reason\n        note\n        orderId\n        onHandAfter\n        createdAt\n      }\n      reviews(first: 50) {\n        totalCount\n        nodes {\n          id\n          rating\n          title\n          body\n          hidden\n          verifiedPurchase\n          createdAt\n          author {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.AdminProductDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      ...AdminProduct\n    }\n  }\n": typeof types.CreateProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      ...AdminProduct\n    }\n  }\n": typeof types.UpdateProductDocument,
    "\n  mutation SetProductCategories($productId: ID!, $categoryIds: [ID!]!) {\n    setProductCategories(productId: $productId, categoryIds: $categoryIds) {\n      id\n      categories {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SetProductCategoriesDocument,
    "\n  mutation ArchiveProduct($id: ID!) {\n    archiveProduct(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.ArchiveProductDocument,
    "\n  mutation DeleteProduct($id: ID!) {\n    deleteProduct(id: $id)\n  }\n": typeof types.DeleteProductDocument,
    "\n  mutation AdjustStock($input: AdjustStockInput!) {\n    adjustStock(input: $input) {\n      ...AdminProduct\n    }\n  }\n": typeof types.AdjustStockDocument,
    "\n  mutation HideReview($id: ID!, $hidden: Boolean!) {\n    hideReview(id: $id, hidden: $hidden) {\n      id\n      hidden\n    }\n  }\n": typeof types.HideReviewDocument,
    "\n  query AdminCategories {\n    categories {\n      id\n      name\n      slug\n      path\n      parent {\n        id\n      }\n    }\n  }\n": typeof types.AdminCategoriesDocument,
    "\n  mutation CreateCategory($name: String!, $slug: String, $parentId: ID) {\n    createCategory(name: $name, slug: $slug, parentId: $parentId) {\n      id\n    }\n  }\n": typeof types.CreateCategoryDocument,
    "\n  mutation RenameCategory($id: ID!, $name: String!) {\n    renameCategory(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.RenameCategoryDocument,
    "\n  mutation MoveCategory($id: ID!, $parentId: ID) {\n    moveCategory(id: $id, parentId: $parentId) {\n      id\n    }\n  }\n": typeof types.MoveCategoryDocument,
    "\n  query StaffAlerts {\n    me {\n      id\n      notifications(first: 30) {\n        nodes {\n          id\n          category\n          title\n          body\n          link\n          createdAt\n          read\n        }\n      }\n    }\n  }\n": typeof types.StaffAlertsDocument,
    "\n  query AdminOrders($filter: StaffOrderFilterInput, $after: String) {\n    orders(filter: $filter, first: 25, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        status\n        createdAt\n        total {\n          ...MoneyFields\n        }\n        customer {\n          id\n          name\n          email\n        }\n        lines {\n          quantity\n        }\n      }\n    }\n  }\n": typeof types.AdminOrdersDocument,
    "\n  query AdminOrder($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      createdAt\n      total {\n        ...MoneyFields\n      }\n      customer {\n        id\n        name\n        email\n      }\n      lines {\n        productName\n        sku\n        quantity\n        product {\n          id\n        }\n        lineTotal {\n          ...MoneyFields\n        }\n      }\n      shippingAddress {\n        recipient\n        line1\n        line2\n        city\n        postalCode\n        country\n      }\n      payments {\n        id\n        status\n        cardBrand\n        cardLast4\n        failureReason\n        amount {\n          ...MoneyFields\n        }\n      }\n      refunds {\n        id\n        status\n        reason\n        createdAt\n        amount {\n          ...MoneyFields\n        }\n      }\n      shipment {\n        carrier\n        trackingNumber\n        status\n      }\n      returns {\n        id\n        status\n        reason\n        createdAt\n        lines {\n          quantity\n          product {\n            id\n            name\n          }\n        }\n      }\n      timeline {\n        status\n        at\n        actorKind\n        note\n      }\n    }\n  }\n": typeof types.AdminOrderDocument,
    "\n  mutation MarkOrderFulfilling($orderId: ID!) {\n    markOrderFulfilling(orderId: $orderId) {\n      id\n      status\n    }\n  }\n": typeof types.MarkOrderFulfillingDocument,
    "\n  mutation ShipOrder($orderId: ID!, $carrier: String!, $trackingNumber: String!) {\n    shipOrder(orderId: $orderId, carrier: $carrier, trackingNumber: $trackingNumber) {\n      id\n      status\n    }\n  }\n": typeof types.ShipOrderDocument,
    "\n  mutation MarkOrderDelivered($orderId: ID!) {\n    markOrderDelivered(orderId: $orderId) {\n      id\n      status\n    }\n  }\n": typeof types.MarkOrderDeliveredDocument,
    "\n  mutation RefundOrder($orderId: ID!, $amount: String!, $reason: String!) {\n    refundOrder(orderId: $orderId, amount: $amount, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.RefundOrderDocument,
    "\n  mutation ApproveReturn($returnId: ID!) {\n    approveReturn(returnId: $returnId) {\n      id\n      status\n    }\n  }\n": typeof types.ApproveReturnDocument,
    "\n  mutation RejectReturn($returnId: ID!, $note: String!) {\n    rejectReturn(returnId: $returnId, note: $note) {\n      id\n      status\n    }\n  }\n": typeof types.RejectReturnDocument,
    "\n  mutation ReceiveReturn($returnId: ID!, $refundAmount: String) {\n    receiveReturn(returnId: $returnId, refundAmount: $refundAmount) {\n      id\n      status\n    }\n  }\n": typeof types.ReceiveReturnDocument,
    "\n  query Users($filter: UserFilter, $after: String) {\n    users(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        email\n        roles\n        active\n        createdAt\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation SetUserRoles($userId: ID!, $roles: [Role!]!) {\n    setUserRoles(userId: $userId, roles: $roles) {\n      id\n      roles\n    }\n  }\n": typeof types.SetUserRolesDocument,
    "\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) {\n      id\n      active\n    }\n  }\n": typeof types.DeactivateUserDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n      user { id name roles }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n      expiresAt\n      user { id roles }\n    }\n  }\n": typeof types.RefreshSessionDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  fragment MoneyFields on Money {\n    amount\n    currency\n  }\n": typeof types.MoneyFieldsFragmentDoc,
    "\n  query Header {\n    me {\n      id\n      name\n      unreadNotificationCount\n      cart {\n        itemCount\n      }\n    }\n  }\n": typeof types.HeaderDocument,
    "\n  query Categories {\n    categories {\n      id\n      name\n      slug\n      parent {\n        id\n      }\n    }\n  }\n": typeof types.CategoriesDocument,
    "\n  fragment ProductCard on Product {\n    id\n    name\n    slug\n    brand\n    price {\n      ...MoneyFields\n    }\n    compareAtPrice {\n      ...MoneyFields\n    }\n    images {\n      url\n      alt\n    }\n    rating {\n      average\n      count\n    }\n    stockStatus\n  }\n": typeof types.ProductCardFragmentDoc,
    "\n  query Products($filter: ProductFilter, $sort: ProductSort, $first: Int!, $after: String) {\n    products(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      totalCountIsExact\n      searchedAs\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ProductCard\n      }\n      facets {\n        categories {\n          category {\n            id\n            name\n          }\n          count\n        }\n        brands {\n          brand\n          count\n        }\n        priceBuckets {\n          min {\n            ...MoneyFields\n          }\n          max {\n            ...MoneyFields\n          }\n          count\n        }\n      }\n    }\n  }\n": typeof types.ProductsDocument,
    "\n  query Product($id: ID!, $signedIn: Boolean!) {\n    product(id: $id) {\n      ...ProductCard\n      description\n      sku\n      weightGrams\n      categories {\n        id\n        name\n        breadcrumbs\n      }\n      attributes {\n        key\n        type\n        value\n      }\n      frequentlyBoughtTogether(first: 4) {\n        ...ProductCard\n      }\n      reviews(first: 10) {\n        totalCount\n        nodes {\n          id\n          rating\n          title\n          body\n          verifiedPurchase\n          createdAt\n          author {\n            id\n            name\n          }\n        }\n      }\n    }\n    me @include(if: $signedIn) {\n      id\n      wishlist {\n        id\n      }\n      defaultShippingAddress {\n        postalCode\n        country\n      }\n    }\n  }\n": typeof types.ProductDocument,
    "\n  query ShippingEstimate($id: ID!, $postalCode: String!, $country: String!) {\n    product(id: $id) {\n      id\n      shippingEstimate(postalCode: $postalCode, country: $country) {\n        ...MoneyFields\n      }\n    }\n  }\n": typeof types.ShippingEstimateDocument,
    "\n  mutation WriteReview($input: WriteReviewInput!) {\n    writeReview(input: $input) {\n      id\n      verifiedPurchase\n    }\n  }\n": typeof types.WriteReviewDocument,
    "\n  mutation AddToWishlist($productId: ID!) {\n    addToWishlist(productId: $productId) {\n      id\n      wishlist {\n        id\n      }\n    }\n  }\n": typeof types.AddToWishlistDocument,
    "\n  mutation RemoveFromWishlist($productId: ID!) {\n    removeFromWishlist(productId: $productId) {\n      id\n      wishlist {\n        id\n      }\n    }\n  }\n": typeof types.RemoveFromWishlistDocument,
    "\n  query Wishlist {\n    me {\n      id\n      wishlist {\n        ...ProductCard\n      }\n    }\n  }\n": typeof types.WishlistDocument,
    "\n  fragment CartFields on Cart {\n    itemCount\n    subtotal {\n      ...MoneyFields\n    }\n    estimatedShipping {\n      ...MoneyFields\n    }\n    estimatedTax {\n      ...MoneyFields\n    }\n    total {\n      ...MoneyFields\n    }\n    estimateCountry\n    lines {\n      id\n      quantity\n      unitPrice {\n        ...MoneyFields\n      }\n      lineTotal {\n        ...MoneyFields\n      }\n      product {\n        id\n        name\n        stockStatus\n        images {\n          url\n          alt\n        }\n      }\n    }\n    problems {\n      lineId\n      kind\n      message\n      available\n      previousPrice {\n        ...MoneyFields\n      }\n      currentPrice {\n        ...MoneyFields\n      }\n    }\n  }\n": typeof types.CartFieldsFragmentDoc,
    "\n  query Cart {\n    me {\n      id\n      cart {\n        ...CartFields\n      }\n    }\n  }\n": typeof types.CartDocument,
    "\n  mutation AddToCart($productId: ID!, $quantity: Int!) {\n    addToCart(productId: $productId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n": typeof types.AddToCartDocument,
    "\n  mutation UpdateCartLine($lineId: ID!, $quantity: Int!) {\n    updateCartLine(lineId: $lineId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n": typeof types.UpdateCartLineDocument,
    "\n  mutation RemoveCartLine($lineId: ID!) {\n    removeCartLine(lineId: $lineId) {\n      ...CartFields\n    }\n  }\n": typeof types.RemoveCartLineDocument,
    "\n  mutation Register($email: String!, $password: String!, $name: String!) {\n    register(email: $email, password: $password, name: $name) {\n      id\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      emailVerified\n    }\n  }\n": typeof types.VerifyEmailDocument,
    "\n  fragment AddressFields on Address {\n    id\n    recipient\n    line1\n    line2\n    city\n    region\n    postalCode\n    country\n    phone\n    isDefault\n  }\n": typeof types.AddressFieldsFragmentDoc,
    "\n  query Account {\n    me {\n      id\n      name\n      email\n      emailVerified\n      addresses {\n        ...AddressFields\n      }\n    }\n  }\n": typeof types.AccountDocument,
    "\n  query PaymentMethods {\n    paymentMethods {\n      id\n      brand\n      last4\n      expMonth\n      expYear\n    }\n  }\n": typeof types.PaymentMethodsDocument,
    "\n  mutation AddPaymentMethod($token: String!) {\n    addPaymentMethod(token: $token) {\n      id\n    }\n  }\n": typeof types.AddPaymentMethodDocument,
    "\n  mutation RemovePaymentMethod($id: ID!) {\n    removePaymentMethod(id: $id)\n  }\n": typeof types.RemovePaymentMethodDocument,
    "\n  mutation AddAddress($input: AddressInputObject!) {\n    addAddress(input: $input) {\n      ...AddressFields\n    }\n  }\n": typeof types.AddAddressDocument,
    "\n  mutation UpdateAddress($id: ID!, $input: AddressInputObject!) {\n    updateAddress(id: $id, input: $input) {\n      ...AddressFields\n    }\n  }\n": typeof types.UpdateAddressDocument,
    "\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id)\n  }\n": typeof types.RemoveAddressDocument,
    "\n  mutation SetDefaultAddress($id: ID!) {\n    setDefaultAddress(id: $id) {\n      ...AddressFields\n    }\n  }\n": typeof types.SetDefaultAddressDocument,
    "\n  query CheckoutPage {\n    me {\n      id\n      addresses {\n        ...AddressFields\n      }\n      paymentMethods {\n        id\n        brand\n        last4\n        expMonth\n        expYear\n      }\n      cart {\n        ...CartFields\n      }\n    }\n  }\n": typeof types.CheckoutPageDocument,
    "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.CheckoutDocument,
    "\n  query Orders($after: String) {\n    me {\n      id\n      orders(first: 20, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          status\n          createdAt\n          total {\n            ...MoneyFields\n          }\n          lines {\n            productName\n            quantity\n          }\n        }\n      }\n    }\n  }\n": typeof types.OrdersDocument,
    "\n  query Order($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      createdAt\n      subtotal {\n        ...MoneyFields\n      }\n      shippingCost {\n        ...MoneyFields\n      }\n      tax {\n        ...MoneyFields\n      }\n      taxRatePercent\n      total {\n        ...MoneyFields\n      }\n      lines {\n        productName\n        sku\n        quantity\n        unitPrice {\n          ...MoneyFields\n        }\n        lineTotal {\n          ...MoneyFields\n        }\n        product {\n          id\n        }\n      }\n      shippingAddress {\n        recipient\n        line1\n        line2\n        city\n        region\n        postalCode\n        country\n      }\n      payments {\n        id\n        status\n        cardBrand\n        cardLast4\n        failureReason\n        amount {\n          ...MoneyFields\n        }\n      }\n      refunds {\n        id\n        status\n        reason\n        amount {\n          ...MoneyFields\n        }\n      }\n      invoice {\n        id\n        number\n        pdfPath\n      }\n      shipment {\n        carrier\n        trackingNumber\n        status\n        shippedAt\n        deliveredAt\n        events {\n          status\n          description\n          location\n          at\n        }\n      }\n      returns {\n        id\n        status\n        reason\n        createdAt\n      }\n      timeline {\n        status\n        at\n        actorKind\n        note\n      }\n    }\n  }\n": typeof types.OrderDocument,
    "\n  mutation CancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.CancelOrderDocument,
    "\n  mutation RequestReturn($input: RequestReturnInput!) {\n    requestReturn(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.RequestReturnDocument,
    "\n  query Notifications {\n    me {\n      id\n      unreadNotificationCount\n      notifications(first: 50) {\n        nodes {\n          id\n          category\n          title\n          body\n          link\n          createdAt\n          read\n        }\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  query NotificationPreferences {\n    me {\n      id\n      notificationPreferences {\n        category\n        email\n        sms\n        inApp\n      }\n    }\n  }\n": typeof types.NotificationPreferencesDocument,
    "\n  mutation UpdateNotificationPreference($category: String!, $email: Boolean, $sms: Boolean, $inApp: Boolean) {\n    updateNotificationPreference(category: $category, email: $email, sms: $sms, inApp: $inApp) {\n      category\n      email\n      sms\n      inApp\n    }\n  }\n": typeof types.UpdateNotificationPreferenceDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n": typeof types.MarkAllNotificationsReadDocument,
};
const documents: Documents = {
    "\n  query AdminMe {\n    me {\n      id\n      name\n      email\n      roles\n      unreadNotificationCount\n    }\n  }\n": types.AdminMeDocument,
    "\n  fragment AdminProduct on Product {\n    id\n    name\n    slug\n    sku\n    brand\n    description\n    status\n    price {\n      ...MoneyFields\n    }\n    compareAtPrice {\n      ...MoneyFields\n    }\n    weightGrams\n    images {\n      url\n      alt\n    }\n    attributes {\n      key\n      type\n      value\n    }\n    categories {\n      id\n      name\n    }\n    stockStatus\n    stock\n    onHand\n    reserved\n    lowStockThreshold\n    updatedAt\n  }\n": types.AdminProductFragmentDoc,
    "\n  query AdminProducts($filter: ProductFilter, $after: String) {\n    products(filter: $filter, sort: NEWEST, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminProduct\n      }\n    }\n  }\n": types.AdminProductsDocument,
    "\n  query AdminProduct($id: ID!) {\n    product(id: $id) {\n      ...AdminProduct\n      stockMovements(first: 50) {\n        id\n        delta\n        reason\n        note\n        orderId\n        onHandAfter\n        createdAt\n      }\n      reviews(first: 50) {\n        totalCount\n        nodes {\n          id\n          rating\n          title\n          body\n          hidden\n          verifiedPurchase\n          createdAt\n          author {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.AdminProductDocument,
    "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      ...AdminProduct\n    }\n  }\n": types.CreateProductDocument,
    "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      ...AdminProduct\n    }\n  }\n": types.UpdateProductDocument,
    "\n  mutation SetProductCategories($productId: ID!, $categoryIds: [ID!]!) {\n    setProductCategories(productId: $productId, categoryIds: $categoryIds) {\n      id\n      categories {\n        id\n        name\n      }\n    }\n  }\n": types.SetProductCategoriesDocument,
    "\n  mutation ArchiveProduct($id: ID!) {\n    archiveProduct(id: $id) {\n      id\n      status\n    }\n  }\n": types.ArchiveProductDocument,
    "\n  mutation DeleteProduct($id: ID!) {\n    deleteProduct(id: $id)\n  }\n": types.DeleteProductDocument,
    "\n  mutation AdjustStock($input: AdjustStockInput!) {\n    adjustStock(input: $input) {\n      ...AdminProduct\n    }\n  }\n": types.AdjustStockDocument,
    "\n  mutation HideReview($id: ID!, $hidden: Boolean!) {\n    hideReview(id: $id, hidden: $hidden) {\n      id\n      hidden\n    }\n  }\n": types.HideReviewDocument,
    "\n  query AdminCategories {\n    categories {\n      id\n      name\n      slug\n      path\n      parent {\n        id\n      }\n    }\n  }\n": types.AdminCategoriesDocument,
    "\n  mutation CreateCategory($name: String!, $slug: String, $parentId: ID) {\n    createCategory(name: $name, slug: $slug, parentId: $parentId) {\n      id\n    }\n  }\n": types.CreateCategoryDocument,
    "\n  mutation RenameCategory($id: ID!, $name: String!) {\n    renameCategory(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n": types.RenameCategoryDocument,
    "\n  mutation MoveCategory($id: ID!, $parentId: ID) {\n    moveCategory(id: $id, parentId: $parentId) {\n      id\n    }\n  }\n": types.MoveCategoryDocument,
    "\n  query StaffAlerts {\n    me {\n      id\n      notifications(first: 30) {\n        nodes {\n          id\n          category\n          title\n          body\n          link\n          createdAt\n          read\n        }\n      }\n    }\n  }\n": types.StaffAlertsDocument,
    "\n  query AdminOrders($filter: StaffOrderFilterInput, $after: String) {\n    orders(filter: $filter, first: 25, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        status\n        createdAt\n        total {\n          ...MoneyFields\n        }\n        customer {\n          id\n          name\n          email\n        }\n        lines {\n          quantity\n        }\n      }\n    }\n  }\n": types.AdminOrdersDocument,
    "\n  query AdminOrder($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      createdAt\n      total {\n        ...MoneyFields\n      }\n      customer {\n        id\n        name\n        email\n      }\n      lines {\n        productName\n        sku\n        quantity\n        product {\n          id\n        }\n        lineTotal {\n          ...MoneyFields\n        }\n      }\n      shippingAddress {\n        recipient\n        line1\n        line2\n        city\n        postalCode\n        country\n      }\n      payments {\n        id\n        status\n        cardBrand\n        cardLast4\n        failureReason\n        amount {\n          ...MoneyFields\n        }\n      }\n      refunds {\n        id\n        status\n        reason\n        createdAt\n        amount {\n          ...MoneyFields\n        }\n      }\n      shipment {\n        carrier\n        trackingNumber\n        status\n      }\n      returns {\n        id\n        status\n        reason\n        createdAt\n        lines {\n          quantity\n          product {\n            id\n            name\n          }\n        }\n      }\n      timeline {\n        status\n        at\n        actorKind\n        note\n      }\n    }\n  }\n": types.AdminOrderDocument,
    "\n  mutation MarkOrderFulfilling($orderId: ID!) {\n    markOrderFulfilling(orderId: $orderId) {\n      id\n      status\n    }\n  }\n": types.MarkOrderFulfillingDocument,
    "\n  mutation ShipOrder($orderId: ID!, $carrier: String!, $trackingNumber: String!) {\n    shipOrder(orderId: $orderId, carrier: $carrier, trackingNumber: $trackingNumber) {\n      id\n      status\n    }\n  }\n": types.ShipOrderDocument,
    "\n  mutation MarkOrderDelivered($orderId: ID!) {\n    markOrderDelivered(orderId: $orderId) {\n      id\n      status\n    }\n  }\n": types.MarkOrderDeliveredDocument,
    "\n  mutation RefundOrder($orderId: ID!, $amount: String!, $reason: String!) {\n    refundOrder(orderId: $orderId, amount: $amount, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.RefundOrderDocument,
    "\n  mutation ApproveReturn($returnId: ID!) {\n    approveReturn(returnId: $returnId) {\n      id\n      status\n    }\n  }\n": types.ApproveReturnDocument,
    "\n  mutation RejectReturn($returnId: ID!, $note: String!) {\n    rejectReturn(returnId: $returnId, note: $note) {\n      id\n      status\n    }\n  }\n": types.RejectReturnDocument,
    "\n  mutation ReceiveReturn($returnId: ID!, $refundAmount: String) {\n    receiveReturn(returnId: $returnId, refundAmount: $refundAmount) {\n      id\n      status\n    }\n  }\n": types.ReceiveReturnDocument,
    "\n  query Users($filter: UserFilter, $after: String) {\n    users(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        email\n        roles\n        active\n        createdAt\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  mutation SetUserRoles($userId: ID!, $roles: [Role!]!) {\n    setUserRoles(userId: $userId, roles: $roles) {\n      id\n      roles\n    }\n  }\n": types.SetUserRolesDocument,
    "\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) {\n      id\n      active\n    }\n  }\n": types.DeactivateUserDocument,
    "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n      user { id name roles }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n      expiresAt\n      user { id roles }\n    }\n  }\n": types.RefreshSessionDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  fragment MoneyFields on Money {\n    amount\n    currency\n  }\n": types.MoneyFieldsFragmentDoc,
    "\n  query Header {\n    me {\n      id\n      name\n      unreadNotificationCount\n      cart {\n        itemCount\n      }\n    }\n  }\n": types.HeaderDocument,
    "\n  query Categories {\n    categories {\n      id\n      name\n      slug\n      parent {\n        id\n      }\n    }\n  }\n": types.CategoriesDocument,
    "\n  fragment ProductCard on Product {\n    id\n    name\n    slug\n    brand\n    price {\n      ...MoneyFields\n    }\n    compareAtPrice {\n      ...MoneyFields\n    }\n    images {\n      url\n      alt\n    }\n    rating {\n      average\n      count\n    }\n    stockStatus\n  }\n": types.ProductCardFragmentDoc,
    "\n  query Products($filter: ProductFilter, $sort: ProductSort, $first: Int!, $after: String) {\n    products(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      totalCountIsExact\n      searchedAs\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ProductCard\n      }\n      facets {\n        categories {\n          category {\n            id\n            name\n          }\n          count\n        }\n        brands {\n          brand\n          count\n        }\n        priceBuckets {\n          min {\n            ...MoneyFields\n          }\n          max {\n            ...MoneyFields\n          }\n          count\n        }\n      }\n    }\n  }\n": types.ProductsDocument,
    "\n  query Product($id: ID!, $signedIn: Boolean!) {\n    product(id: $id) {\n      ...ProductCard\n      description\n      sku\n      weightGrams\n      categories {\n        id\n        name\n        breadcrumbs\n      }\n      attributes {\n        key\n        type\n        value\n      }\n      frequentlyBoughtTogether(first: 4) {\n        ...ProductCard\n      }\n      reviews(first: 10) {\n        totalCount\n        nodes {\n          id\n          rating\n          title\n          body\n          verifiedPurchase\n          createdAt\n          author {\n            id\n            name\n          }\n        }\n      }\n    }\n    me @include(if: $signedIn) {\n      id\n      wishlist {\n        id\n      }\n      defaultShippingAddress {\n        postalCode\n        country\n      }\n    }\n  }\n": types.ProductDocument,
    "\n  query ShippingEstimate($id: ID!, $postalCode: String!, $country: String!) {\n    product(id: $id) {\n      id\n      shippingEstimate(postalCode: $postalCode, country: $country) {\n        ...MoneyFields\n      }\n    }\n  }\n": types.ShippingEstimateDocument,
    "\n  mutation WriteReview($input: WriteReviewInput!) {\n    writeReview(input: $input) {\n      id\n      verifiedPurchase\n    }\n  }\n": types.WriteReviewDocument,
    "\n  mutation AddToWishlist($productId: ID!) {\n    addToWishlist(productId: $productId) {\n      id\n      wishlist {\n        id\n      }\n    }\n  }\n": types.AddToWishlistDocument,
    "\n  mutation RemoveFromWishlist($productId: ID!) {\n    removeFromWishlist(productId: $productId) {\n      id\n      wishlist {\n        id\n      }\n    }\n  }\n": types.RemoveFromWishlistDocument,
    "\n  query Wishlist {\n    me {\n      id\n      wishlist {\n        ...ProductCard\n      }\n    }\n  }\n": types.WishlistDocument,
    "\n  fragment CartFields on Cart {\n    itemCount\n    subtotal {\n      ...MoneyFields\n    }\n    estimatedShipping {\n      ...MoneyFields\n    }\n    estimatedTax {\n      ...MoneyFields\n    }\n    total {\n      ...MoneyFields\n    }\n    estimateCountry\n    lines {\n      id\n      quantity\n      unitPrice {\n        ...MoneyFields\n      }\n      lineTotal {\n        ...MoneyFields\n      }\n      product {\n        id\n        name\n        stockStatus\n        images {\n          url\n          alt\n        }\n      }\n    }\n    problems {\n      lineId\n      kind\n      message\n      available\n      previousPrice {\n        ...MoneyFields\n      }\n      currentPrice {\n        ...MoneyFields\n      }\n    }\n  }\n": types.CartFieldsFragmentDoc,
    "\n  query Cart {\n    me {\n      id\n      cart {\n        ...CartFields\n      }\n    }\n  }\n": types.CartDocument,
    "\n  mutation AddToCart($productId: ID!, $quantity: Int!) {\n    addToCart(productId: $productId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n": types.AddToCartDocument,
    "\n  mutation UpdateCartLine($lineId: ID!, $quantity: Int!) {\n    updateCartLine(lineId: $lineId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n": types.UpdateCartLineDocument,
    "\n  mutation RemoveCartLine($lineId: ID!) {\n    removeCartLine(lineId: $lineId) {\n      ...CartFields\n    }\n  }\n": types.RemoveCartLineDocument,
    "\n  mutation Register($email: String!, $password: String!, $name: String!) {\n    register(email: $email, password: $password, name: $name) {\n      id\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n": types.ResetPasswordDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      emailVerified\n    }\n  }\n": types.VerifyEmailDocument,
    "\n  fragment AddressFields on Address {\n    id\n    recipient\n    line1\n    line2\n    city\n    region\n    postalCode\n    country\n    phone\n    isDefault\n  }\n": types.AddressFieldsFragmentDoc,
    "\n  query Account {\n    me {\n      id\n      name\n      email\n      emailVerified\n      addresses {\n        ...AddressFields\n      }\n    }\n  }\n": types.AccountDocument,
    "\n  query PaymentMethods {\n    paymentMethods {\n      id\n      brand\n      last4\n      expMonth\n      expYear\n    }\n  }\n": types.PaymentMethodsDocument,
    "\n  mutation AddPaymentMethod($token: String!) {\n    addPaymentMethod(token: $token) {\n      id\n    }\n  }\n": types.AddPaymentMethodDocument,
    "\n  mutation RemovePaymentMethod($id: ID!) {\n    removePaymentMethod(id: $id)\n  }\n": types.RemovePaymentMethodDocument,
    "\n  mutation AddAddress($input: AddressInputObject!) {\n    addAddress(input: $input) {\n      ...AddressFields\n    }\n  }\n": types.AddAddressDocument,
    "\n  mutation UpdateAddress($id: ID!, $input: AddressInputObject!) {\n    updateAddress(id: $id, input: $input) {\n      ...AddressFields\n    }\n  }\n": types.UpdateAddressDocument,
    "\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id)\n  }\n": types.RemoveAddressDocument,
    "\n  mutation SetDefaultAddress($id: ID!) {\n    setDefaultAddress(id: $id) {\n      ...AddressFields\n    }\n  }\n": types.SetDefaultAddressDocument,
    "\n  query CheckoutPage {\n    me {\n      id\n      addresses {\n        ...AddressFields\n      }\n      paymentMethods {\n        id\n        brand\n        last4\n        expMonth\n        expYear\n      }\n      cart {\n        ...CartFields\n      }\n    }\n  }\n": types.CheckoutPageDocument,
    "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n    }\n  }\n": types.CheckoutDocument,
    "\n  query Orders($after: String) {\n    me {\n      id\n      orders(first: 20, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          status\n          createdAt\n          total {\n            ...MoneyFields\n          }\n          lines {\n            productName\n            quantity\n          }\n        }\n      }\n    }\n  }\n": types.OrdersDocument,
    "\n  query Order($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      createdAt\n      subtotal {\n        ...MoneyFields\n      }\n      shippingCost {\n        ...MoneyFields\n      }\n      tax {\n        ...MoneyFields\n      }\n      taxRatePercent\n      total {\n        ...MoneyFields\n      }\n      lines {\n        productName\n        sku\n        quantity\n        unitPrice {\n          ...MoneyFields\n        }\n        lineTotal {\n          ...MoneyFields\n        }\n        product {\n          id\n        }\n      }\n      shippingAddress {\n        recipient\n        line1\n        line2\n        city\n        region\n        postalCode\n        country\n      }\n      payments {\n        id\n        status\n        cardBrand\n        cardLast4\n        failureReason\n        amount {\n          ...MoneyFields\n        }\n      }\n      refunds {\n        id\n        status\n        reason\n        amount {\n          ...MoneyFields\n        }\n      }\n      invoice {\n        id\n        number\n        pdfPath\n      }\n      shipment {\n        carrier\n        trackingNumber\n        status\n        shippedAt\n        deliveredAt\n        events {\n          status\n          description\n          location\n          at\n        }\n      }\n      returns {\n        id\n        status\n        reason\n        createdAt\n      }\n      timeline {\n        status\n        at\n        actorKind\n        note\n      }\n    }\n  }\n": types.OrderDocument,
    "\n  mutation CancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.CancelOrderDocument,
    "\n  mutation RequestReturn($input: RequestReturnInput!) {\n    requestReturn(input: $input) {\n      id\n      status\n    }\n  }\n": types.RequestReturnDocument,
    "\n  query Notifications {\n    me {\n      id\n      unreadNotificationCount\n      notifications(first: 50) {\n        nodes {\n          id\n          category\n          title\n          body\n          link\n          createdAt\n          read\n        }\n      }\n    }\n  }\n": types.NotificationsDocument,
    "\n  query NotificationPreferences {\n    me {\n      id\n      notificationPreferences {\n        category\n        email\n        sms\n        inApp\n      }\n    }\n  }\n": types.NotificationPreferencesDocument,
    "\n  mutation UpdateNotificationPreference($category: String!, $email: Boolean, $sms: Boolean, $inApp: Boolean) {\n    updateNotificationPreference(category: $category, email: $email, sms: $sms, inApp: $inApp) {\n      category\n      email\n      sms\n      inApp\n    }\n  }\n": types.UpdateNotificationPreferenceDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n": types.MarkAllNotificationsReadDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminMe {\n    me {\n      id\n      name\n      email\n      roles\n      unreadNotificationCount\n    }\n  }\n"): (typeof documents)["\n  query AdminMe {\n    me {\n      id\n      name\n      email\n      roles\n      unreadNotificationCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminProduct on Product {\n    id\n    name\n    slug\n    sku\n    brand\n    description\n    status\n    price {\n      ...MoneyFields\n    }\n    compareAtPrice {\n      ...MoneyFields\n    }\n    weightGrams\n    images {\n      url\n      alt\n    }\n    attributes {\n      key\n      type\n      value\n    }\n    categories {\n      id\n      name\n    }\n    stockStatus\n    stock\n    onHand\n    reserved\n    lowStockThreshold\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment AdminProduct on Product {\n    id\n    name\n    slug\n    sku\n    brand\n    description\n    status\n    price {\n      ...MoneyFields\n    }\n    compareAtPrice {\n      ...MoneyFields\n    }\n    weightGrams\n    images {\n      url\n      alt\n    }\n    attributes {\n      key\n      type\n      value\n    }\n    categories {\n      id\n      name\n    }\n    stockStatus\n    stock\n    onHand\n    reserved\n    lowStockThreshold\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminProducts($filter: ProductFilter, $after: String) {\n    products(filter: $filter, sort: NEWEST, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminProduct\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminProducts($filter: ProductFilter, $after: String) {\n    products(filter: $filter, sort: NEWEST, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...AdminProduct\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminProduct($id: ID!) {\n    product(id: $id) {\n      ...AdminProduct\n      stockMovements(first: 50) {\n        id\n        delta\n        reason\n        note\n        orderId\n        onHandAfter\n        createdAt\n      }\n      reviews(first: 50) {\n        totalCount\n        nodes {\n          id\n          rating\n          title\n          body\n          hidden\n          verifiedPurchase\n          createdAt\n          author {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminProduct($id: ID!) {\n    product(id: $id) {\n      ...AdminProduct\n      stockMovements(first: 50) {\n        id\n        delta\n        reason\n        note\n        orderId\n        onHandAfter\n        createdAt\n      }\n      reviews(first: 50) {\n        totalCount\n        nodes {\n          id\n          rating\n          title\n          body\n          hidden\n          verifiedPurchase\n          createdAt\n          author {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      ...AdminProduct\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProduct($input: CreateProductInput!) {\n    createProduct(input: $input) {\n      ...AdminProduct\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      ...AdminProduct\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {\n    updateProduct(id: $id, input: $input) {\n      ...AdminProduct\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetProductCategories($productId: ID!, $categoryIds: [ID!]!) {\n    setProductCategories(productId: $productId, categoryIds: $categoryIds) {\n      id\n      categories {\n        id\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetProductCategories($productId: ID!, $categoryIds: [ID!]!) {\n    setProductCategories(productId: $productId, categoryIds: $categoryIds) {\n      id\n      categories {\n        id\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveProduct($id: ID!) {\n    archiveProduct(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveProduct($id: ID!) {\n    archiveProduct(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteProduct($id: ID!) {\n    deleteProduct(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteProduct($id: ID!) {\n    deleteProduct(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdjustStock($input: AdjustStockInput!) {\n    adjustStock(input: $input) {\n      ...AdminProduct\n    }\n  }\n"): (typeof documents)["\n  mutation AdjustStock($input: AdjustStockInput!) {\n    adjustStock(input: $input) {\n      ...AdminProduct\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HideReview($id: ID!, $hidden: Boolean!) {\n    hideReview(id: $id, hidden: $hidden) {\n      id\n      hidden\n    }\n  }\n"): (typeof documents)["\n  mutation HideReview($id: ID!, $hidden: Boolean!) {\n    hideReview(id: $id, hidden: $hidden) {\n      id\n      hidden\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCategories {\n    categories {\n      id\n      name\n      slug\n      path\n      parent {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminCategories {\n    categories {\n      id\n      name\n      slug\n      path\n      parent {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCategory($name: String!, $slug: String, $parentId: ID) {\n    createCategory(name: $name, slug: $slug, parentId: $parentId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCategory($name: String!, $slug: String, $parentId: ID) {\n    createCategory(name: $name, slug: $slug, parentId: $parentId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameCategory($id: ID!, $name: String!) {\n    renameCategory(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation RenameCategory($id: ID!, $name: String!) {\n    renameCategory(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveCategory($id: ID!, $parentId: ID) {\n    moveCategory(id: $id, parentId: $parentId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation MoveCategory($id: ID!, $parentId: ID) {\n    moveCategory(id: $id, parentId: $parentId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StaffAlerts {\n    me {\n      id\n      notifications(first: 30) {\n        nodes {\n          id\n          category\n          title\n          body\n          link\n          createdAt\n          read\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query StaffAlerts {\n    me {\n      id\n      notifications(first: 30) {\n        nodes {\n          id\n          category\n          title\n          body\n          link\n          createdAt\n          read\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrders($filter: StaffOrderFilterInput, $after: String) {\n    orders(filter: $filter, first: 25, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        status\n        createdAt\n        total {\n          ...MoneyFields\n        }\n        customer {\n          id\n          name\n          email\n        }\n        lines {\n          quantity\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminOrders($filter: StaffOrderFilterInput, $after: String) {\n    orders(filter: $filter, first: 25, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        status\n        createdAt\n        total {\n          ...MoneyFields\n        }\n        customer {\n          id\n          name\n          email\n        }\n        lines {\n          quantity\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrder($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      createdAt\n      total {\n        ...MoneyFields\n      }\n      customer {\n        id\n        name\n        email\n      }\n      lines {\n        productName\n        sku\n        quantity\n        product {\n          id\n        }\n        lineTotal {\n          ...MoneyFields\n        }\n      }\n      shippingAddress {\n        recipient\n        line1\n        line2\n        city\n        postalCode\n        country\n      }\n      payments {\n        id\n        status\n        cardBrand\n        cardLast4\n        failureReason\n        amount {\n          ...MoneyFields\n        }\n      }\n      refunds {\n        id\n        status\n        reason\n        createdAt\n        amount {\n          ...MoneyFields\n        }\n      }\n      shipment {\n        carrier\n        trackingNumber\n        status\n      }\n      returns {\n        id\n        status\n        reason\n        createdAt\n        lines {\n          quantity\n          product {\n            id\n            name\n          }\n        }\n      }\n      timeline {\n        status\n        at\n        actorKind\n        note\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminOrder($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      createdAt\n      total {\n        ...MoneyFields\n      }\n      customer {\n        id\n        name\n        email\n      }\n      lines {\n        productName\n        sku\n        quantity\n        product {\n          id\n        }\n        lineTotal {\n          ...MoneyFields\n        }\n      }\n      shippingAddress {\n        recipient\n        line1\n        line2\n        city\n        postalCode\n        country\n      }\n      payments {\n        id\n        status\n        cardBrand\n        cardLast4\n        failureReason\n        amount {\n          ...MoneyFields\n        }\n      }\n      refunds {\n        id\n        status\n        reason\n        createdAt\n        amount {\n          ...MoneyFields\n        }\n      }\n      shipment {\n        carrier\n        trackingNumber\n        status\n      }\n      returns {\n        id\n        status\n        reason\n        createdAt\n        lines {\n          quantity\n          product {\n            id\n            name\n          }\n        }\n      }\n      timeline {\n        status\n        at\n        actorKind\n        note\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkOrderFulfilling($orderId: ID!) {\n    markOrderFulfilling(orderId: $orderId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation MarkOrderFulfilling($orderId: ID!) {\n    markOrderFulfilling(orderId: $orderId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShipOrder($orderId: ID!, $carrier: String!, $trackingNumber: String!) {\n    shipOrder(orderId: $orderId, carrier: $carrier, trackingNumber: $trackingNumber) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ShipOrder($orderId: ID!, $carrier: String!, $trackingNumber: String!) {\n    shipOrder(orderId: $orderId, carrier: $carrier, trackingNumber: $trackingNumber) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkOrderDelivered($orderId: ID!) {\n    markOrderDelivered(orderId: $orderId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation MarkOrderDelivered($orderId: ID!) {\n    markOrderDelivered(orderId: $orderId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefundOrder($orderId: ID!, $amount: String!, $reason: String!) {\n    refundOrder(orderId: $orderId, amount: $amount, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RefundOrder($orderId: ID!, $amount: String!, $reason: String!) {\n    refundOrder(orderId: $orderId, amount: $amount, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveReturn($returnId: ID!) {\n    approveReturn(returnId: $returnId) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ApproveReturn($returnId: ID!) {\n    approveReturn(returnId: $returnId) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectReturn($returnId: ID!, $note: String!) {\n    rejectReturn(returnId: $returnId, note: $note) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RejectReturn($returnId: ID!, $note: String!) {\n    rejectReturn(returnId: $returnId, note: $note) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReceiveReturn($returnId: ID!, $refundAmount: String) {\n    receiveReturn(returnId: $returnId, refundAmount: $refundAmount) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation ReceiveReturn($returnId: ID!, $refundAmount: String) {\n    receiveReturn(returnId: $returnId, refundAmount: $refundAmount) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($filter: UserFilter, $after: String) {\n    users(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        email\n        roles\n        active\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query Users($filter: UserFilter, $after: String) {\n    users(filter: $filter, first: 25, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        email\n        roles\n        active\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserRoles($userId: ID!, $roles: [Role!]!) {\n    setUserRoles(userId: $userId, roles: $roles) {\n      id\n      roles\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserRoles($userId: ID!, $roles: [Role!]!) {\n    setUserRoles(userId: $userId, roles: $roles) {\n      id\n      roles\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation DeactivateUser($userId: ID!) {\n    deactivateUser(userId: $userId) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n      user { id name roles }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($email: String!, $password: String!) {\n    login(email: $email, password: $password) {\n      accessToken\n      refreshToken\n      expiresAt\n      user { id name roles }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n      expiresAt\n      user { id roles }\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) {\n    refreshSession(refreshToken: $refreshToken) {\n      accessToken\n      refreshToken\n      expiresAt\n      user { id roles }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MoneyFields on Money {\n    amount\n    currency\n  }\n"): (typeof documents)["\n  fragment MoneyFields on Money {\n    amount\n    currency\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Header {\n    me {\n      id\n      name\n      unreadNotificationCount\n      cart {\n        itemCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query Header {\n    me {\n      id\n      name\n      unreadNotificationCount\n      cart {\n        itemCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Categories {\n    categories {\n      id\n      name\n      slug\n      parent {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query Categories {\n    categories {\n      id\n      name\n      slug\n      parent {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProductCard on Product {\n    id\n    name\n    slug\n    brand\n    price {\n      ...MoneyFields\n    }\n    compareAtPrice {\n      ...MoneyFields\n    }\n    images {\n      url\n      alt\n    }\n    rating {\n      average\n      count\n    }\n    stockStatus\n  }\n"): (typeof documents)["\n  fragment ProductCard on Product {\n    id\n    name\n    slug\n    brand\n    price {\n      ...MoneyFields\n    }\n    compareAtPrice {\n      ...MoneyFields\n    }\n    images {\n      url\n      alt\n    }\n    rating {\n      average\n      count\n    }\n    stockStatus\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Products($filter: ProductFilter, $sort: ProductSort, $first: Int!, $after: String) {\n    products(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      totalCountIsExact\n      searchedAs\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ProductCard\n      }\n      facets {\n        categories {\n          category {\n            id\n            name\n          }\n          count\n        }\n        brands {\n          brand\n          count\n        }\n        priceBuckets {\n          min {\n            ...MoneyFields\n          }\n          max {\n            ...MoneyFields\n          }\n          count\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Products($filter: ProductFilter, $sort: ProductSort, $first: Int!, $after: String) {\n    products(filter: $filter, sort: $sort, first: $first, after: $after) {\n      totalCount\n      totalCountIsExact\n      searchedAs\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...ProductCard\n      }\n      facets {\n        categories {\n          category {\n            id\n            name\n          }\n          count\n        }\n        brands {\n          brand\n          count\n        }\n        priceBuckets {\n          min {\n            ...MoneyFields\n          }\n          max {\n            ...MoneyFields\n          }\n          count\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Product($id: ID!, $signedIn: Boolean!) {\n    product(id: $id) {\n      ...ProductCard\n      description\n      sku\n      weightGrams\n      categories {\n        id\n        name\n        breadcrumbs\n      }\n      attributes {\n        key\n        type\n        value\n      }\n      frequentlyBoughtTogether(first: 4) {\n        ...ProductCard\n      }\n      reviews(first: 10) {\n        totalCount\n        nodes {\n          id\n          rating\n          title\n          body\n          verifiedPurchase\n          createdAt\n          author {\n            id\n            name\n          }\n        }\n      }\n    }\n    me @include(if: $signedIn) {\n      id\n      wishlist {\n        id\n      }\n      defaultShippingAddress {\n        postalCode\n        country\n      }\n    }\n  }\n"): (typeof documents)["\n  query Product($id: ID!, $signedIn: Boolean!) {\n    product(id: $id) {\n      ...ProductCard\n      description\n      sku\n      weightGrams\n      categories {\n        id\n        name\n        breadcrumbs\n      }\n      attributes {\n        key\n        type\n        value\n      }\n      frequentlyBoughtTogether(first: 4) {\n        ...ProductCard\n      }\n      reviews(first: 10) {\n        totalCount\n        nodes {\n          id\n          rating\n          title\n          body\n          verifiedPurchase\n          createdAt\n          author {\n            id\n            name\n          }\n        }\n      }\n    }\n    me @include(if: $signedIn) {\n      id\n      wishlist {\n        id\n      }\n      defaultShippingAddress {\n        postalCode\n        country\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShippingEstimate($id: ID!, $postalCode: String!, $country: String!) {\n    product(id: $id) {\n      id\n      shippingEstimate(postalCode: $postalCode, country: $country) {\n        ...MoneyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ShippingEstimate($id: ID!, $postalCode: String!, $country: String!) {\n    product(id: $id) {\n      id\n      shippingEstimate(postalCode: $postalCode, country: $country) {\n        ...MoneyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WriteReview($input: WriteReviewInput!) {\n    writeReview(input: $input) {\n      id\n      verifiedPurchase\n    }\n  }\n"): (typeof documents)["\n  mutation WriteReview($input: WriteReviewInput!) {\n    writeReview(input: $input) {\n      id\n      verifiedPurchase\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToWishlist($productId: ID!) {\n    addToWishlist(productId: $productId) {\n      id\n      wishlist {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AddToWishlist($productId: ID!) {\n    addToWishlist(productId: $productId) {\n      id\n      wishlist {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFromWishlist($productId: ID!) {\n    removeFromWishlist(productId: $productId) {\n      id\n      wishlist {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveFromWishlist($productId: ID!) {\n    removeFromWishlist(productId: $productId) {\n      id\n      wishlist {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Wishlist {\n    me {\n      id\n      wishlist {\n        ...ProductCard\n      }\n    }\n  }\n"): (typeof documents)["\n  query Wishlist {\n    me {\n      id\n      wishlist {\n        ...ProductCard\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CartFields on Cart {\n    itemCount\n    subtotal {\n      ...MoneyFields\n    }\n    estimatedShipping {\n      ...MoneyFields\n    }\n    estimatedTax {\n      ...MoneyFields\n    }\n    total {\n      ...MoneyFields\n    }\n    estimateCountry\n    lines {\n      id\n      quantity\n      unitPrice {\n        ...MoneyFields\n      }\n      lineTotal {\n        ...MoneyFields\n      }\n      product {\n        id\n        name\n        stockStatus\n        images {\n          url\n          alt\n        }\n      }\n    }\n    problems {\n      lineId\n      kind\n      message\n      available\n      previousPrice {\n        ...MoneyFields\n      }\n      currentPrice {\n        ...MoneyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CartFields on Cart {\n    itemCount\n    subtotal {\n      ...MoneyFields\n    }\n    estimatedShipping {\n      ...MoneyFields\n    }\n    estimatedTax {\n      ...MoneyFields\n    }\n    total {\n      ...MoneyFields\n    }\n    estimateCountry\n    lines {\n      id\n      quantity\n      unitPrice {\n        ...MoneyFields\n      }\n      lineTotal {\n        ...MoneyFields\n      }\n      product {\n        id\n        name\n        stockStatus\n        images {\n          url\n          alt\n        }\n      }\n    }\n    problems {\n      lineId\n      kind\n      message\n      available\n      previousPrice {\n        ...MoneyFields\n      }\n      currentPrice {\n        ...MoneyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Cart {\n    me {\n      id\n      cart {\n        ...CartFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Cart {\n    me {\n      id\n      cart {\n        ...CartFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToCart($productId: ID!, $quantity: Int!) {\n    addToCart(productId: $productId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddToCart($productId: ID!, $quantity: Int!) {\n    addToCart(productId: $productId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCartLine($lineId: ID!, $quantity: Int!) {\n    updateCartLine(lineId: $lineId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCartLine($lineId: ID!, $quantity: Int!) {\n    updateCartLine(lineId: $lineId, quantity: $quantity) {\n      ...CartFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveCartLine($lineId: ID!) {\n    removeCartLine(lineId: $lineId) {\n      ...CartFields\n    }\n  }\n"): (typeof documents)["\n  mutation RemoveCartLine($lineId: ID!) {\n    removeCartLine(lineId: $lineId) {\n      ...CartFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($email: String!, $password: String!, $name: String!) {\n    register(email: $email, password: $password, name: $name) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation Register($email: String!, $password: String!, $name: String!) {\n    register(email: $email, password: $password, name: $name) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      emailVerified\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      emailVerified\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AddressFields on Address {\n    id\n    recipient\n    line1\n    line2\n    city\n    region\n    postalCode\n    country\n    phone\n    isDefault\n  }\n"): (typeof documents)["\n  fragment AddressFields on Address {\n    id\n    recipient\n    line1\n    line2\n    city\n    region\n    postalCode\n    country\n    phone\n    isDefault\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Account {\n    me {\n      id\n      name\n      email\n      emailVerified\n      addresses {\n        ...AddressFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Account {\n    me {\n      id\n      name\n      email\n      emailVerified\n      addresses {\n        ...AddressFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PaymentMethods {\n    paymentMethods {\n      id\n      brand\n      last4\n      expMonth\n      expYear\n    }\n  }\n"): (typeof documents)["\n  query PaymentMethods {\n    paymentMethods {\n      id\n      brand\n      last4\n      expMonth\n      expYear\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddPaymentMethod($token: String!) {\n    addPaymentMethod(token: $token) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation AddPaymentMethod($token: String!) {\n    addPaymentMethod(token: $token) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemovePaymentMethod($id: ID!) {\n    removePaymentMethod(id: $id)\n  }\n"): (typeof documents)["\n  mutation RemovePaymentMethod($id: ID!) {\n    removePaymentMethod(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddAddress($input: AddressInputObject!) {\n    addAddress(input: $input) {\n      ...AddressFields\n    }\n  }\n"): (typeof documents)["\n  mutation AddAddress($input: AddressInputObject!) {\n    addAddress(input: $input) {\n      ...AddressFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAddress($id: ID!, $input: AddressInputObject!) {\n    updateAddress(id: $id, input: $input) {\n      ...AddressFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAddress($id: ID!, $input: AddressInputObject!) {\n    updateAddress(id: $id, input: $input) {\n      ...AddressFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id)\n  }\n"): (typeof documents)["\n  mutation RemoveAddress($id: ID!) {\n    removeAddress(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetDefaultAddress($id: ID!) {\n    setDefaultAddress(id: $id) {\n      ...AddressFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetDefaultAddress($id: ID!) {\n    setDefaultAddress(id: $id) {\n      ...AddressFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckoutPage {\n    me {\n      id\n      addresses {\n        ...AddressFields\n      }\n      paymentMethods {\n        id\n        brand\n        last4\n        expMonth\n        expYear\n      }\n      cart {\n        ...CartFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query CheckoutPage {\n    me {\n      id\n      addresses {\n        ...AddressFields\n      }\n      paymentMethods {\n        id\n        brand\n        last4\n        expMonth\n        expYear\n      }\n      cart {\n        ...CartFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation Checkout($input: CheckoutInput!) {\n    checkout(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Orders($after: String) {\n    me {\n      id\n      orders(first: 20, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          status\n          createdAt\n          total {\n            ...MoneyFields\n          }\n          lines {\n            productName\n            quantity\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Orders($after: String) {\n    me {\n      id\n      orders(first: 20, after: $after) {\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        nodes {\n          id\n          status\n          createdAt\n          total {\n            ...MoneyFields\n          }\n          lines {\n            productName\n            quantity\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Order($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      createdAt\n      subtotal {\n        ...MoneyFields\n      }\n      shippingCost {\n        ...MoneyFields\n      }\n      tax {\n        ...MoneyFields\n      }\n      taxRatePercent\n      total {\n        ...MoneyFields\n      }\n      lines {\n        productName\n        sku\n        quantity\n        unitPrice {\n          ...MoneyFields\n        }\n        lineTotal {\n          ...MoneyFields\n        }\n        product {\n          id\n        }\n      }\n      shippingAddress {\n        recipient\n        line1\n        line2\n        city\n        region\n        postalCode\n        country\n      }\n      payments {\n        id\n        status\n        cardBrand\n        cardLast4\n        failureReason\n        amount {\n          ...MoneyFields\n        }\n      }\n      refunds {\n        id\n        status\n        reason\n        amount {\n          ...MoneyFields\n        }\n      }\n      invoice {\n        id\n        number\n        pdfPath\n      }\n      shipment {\n        carrier\n        trackingNumber\n        status\n        shippedAt\n        deliveredAt\n        events {\n          status\n          description\n          location\n          at\n        }\n      }\n      returns {\n        id\n        status\n        reason\n        createdAt\n      }\n      timeline {\n        status\n        at\n        actorKind\n        note\n      }\n    }\n  }\n"): (typeof documents)["\n  query Order($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      createdAt\n      subtotal {\n        ...MoneyFields\n      }\n      shippingCost {\n        ...MoneyFields\n      }\n      tax {\n        ...MoneyFields\n      }\n      taxRatePercent\n      total {\n        ...MoneyFields\n      }\n      lines {\n        productName\n        sku\n        quantity\n        unitPrice {\n          ...MoneyFields\n        }\n        lineTotal {\n          ...MoneyFields\n        }\n        product {\n          id\n        }\n      }\n      shippingAddress {\n        recipient\n        line1\n        line2\n        city\n        region\n        postalCode\n        country\n      }\n      payments {\n        id\n        status\n        cardBrand\n        cardLast4\n        failureReason\n        amount {\n          ...MoneyFields\n        }\n      }\n      refunds {\n        id\n        status\n        reason\n        amount {\n          ...MoneyFields\n        }\n      }\n      invoice {\n        id\n        number\n        pdfPath\n      }\n      shipment {\n        carrier\n        trackingNumber\n        status\n        shippedAt\n        deliveredAt\n        events {\n          status\n          description\n          location\n          at\n        }\n      }\n      returns {\n        id\n        status\n        reason\n        createdAt\n      }\n      timeline {\n        status\n        at\n        actorKind\n        note\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CancelOrder($orderId: ID!, $reason: String) {\n    cancelOrder(orderId: $orderId, reason: $reason) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestReturn($input: RequestReturnInput!) {\n    requestReturn(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RequestReturn($input: RequestReturnInput!) {\n    requestReturn(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications {\n    me {\n      id\n      unreadNotificationCount\n      notifications(first: 50) {\n        nodes {\n          id\n          category\n          title\n          body\n          link\n          createdAt\n          read\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Notifications {\n    me {\n      id\n      unreadNotificationCount\n      notifications(first: 50) {\n        nodes {\n          id\n          category\n          title\n          body\n          link\n          createdAt\n          read\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationPreferences {\n    me {\n      id\n      notificationPreferences {\n        category\n        email\n        sms\n        inApp\n      }\n    }\n  }\n"): (typeof documents)["\n  query NotificationPreferences {\n    me {\n      id\n      notificationPreferences {\n        category\n        email\n        sms\n        inApp\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNotificationPreference($category: String!, $email: Boolean, $sms: Boolean, $inApp: Boolean) {\n    updateNotificationPreference(category: $category, email: $email, sms: $sms, inApp: $inApp) {\n      category\n      email\n      sms\n      inApp\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateNotificationPreference($category: String!, $email: Boolean, $sms: Boolean, $inApp: Boolean) {\n    updateNotificationPreference(category: $category, email: $email, sms: $sms, inApp: $inApp) {\n      category\n      email\n      sms\n      inApp\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n"): (typeof documents)["\n  mutation MarkAllNotificationsRead {\n    markAllNotificationsRead\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;