// Every operation the storefront sends, typed by graphql-codegen from the
// committed supergraph (`npm run codegen`).
import { graphql } from "@shop/shared";

export const HeaderDocument = graphql(`
  query Header {
    me {
      id
      name
      unreadNotificationCount
      cart {
        itemCount
      }
    }
  }
`);

export const CategoriesDocument = graphql(`
  query Categories {
    categories {
      id
      name
      slug
      parent {
        id
      }
    }
  }
`);

export const ProductCardFields = graphql(`
  fragment ProductCard on Product {
    id
    name
    slug
    brand
    price {
      ...MoneyFields
    }
    compareAtPrice {
      ...MoneyFields
    }
    images {
      url
      alt
    }
    rating {
      average
      count
    }
    stockStatus
  }
`);

export const ProductsDocument = graphql(`
  query Products($filter: ProductFilter, $sort: ProductSort, $first: Int!, $after: String) {
    products(filter: $filter, sort: $sort, first: $first, after: $after) {
      totalCount
      totalCountIsExact
      searchedAs
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...ProductCard
      }
      facets {
        categories {
          category {
            id
            name
          }
          count
        }
        brands {
          brand
          count
        }
        priceBuckets {
          min {
            ...MoneyFields
          }
          max {
            ...MoneyFields
          }
          count
        }
      }
    }
  }
`);

export const ProductDocument = graphql(`
  query Product($id: ID!, $signedIn: Boolean!) {
    product(id: $id) {
      ...ProductCard
      description
      sku
      weightGrams
      categories {
        id
        name
        breadcrumbs
      }
      attributes {
        key
        type
        value
      }
      frequentlyBoughtTogether(first: 4) {
        ...ProductCard
      }
      reviews(first: 10) {
        totalCount
        nodes {
          id
          rating
          title
          body
          verifiedPurchase
          createdAt
          author {
            id
            name
          }
        }
      }
    }
    me @include(if: $signedIn) {
      id
      wishlist {
        id
      }
      defaultShippingAddress {
        postalCode
        country
      }
    }
  }
`);

export const ShippingEstimateDocument = graphql(`
  query ShippingEstimate($id: ID!, $postalCode: String!, $country: String!) {
    product(id: $id) {
      id
      shippingEstimate(postalCode: $postalCode, country: $country) {
        ...MoneyFields
      }
    }
  }
`);

export const WriteReviewDocument = graphql(`
  mutation WriteReview($input: WriteReviewInput!) {
    writeReview(input: $input) {
      id
      verifiedPurchase
    }
  }
`);

export const AddToWishlistDocument = graphql(`
  mutation AddToWishlist($productId: ID!) {
    addToWishlist(productId: $productId) {
      id
      wishlist {
        id
      }
    }
  }
`);

export const RemoveFromWishlistDocument = graphql(`
  mutation RemoveFromWishlist($productId: ID!) {
    removeFromWishlist(productId: $productId) {
      id
      wishlist {
        id
      }
    }
  }
`);

export const WishlistDocument = graphql(`
  query Wishlist {
    me {
      id
      wishlist {
        ...ProductCard
      }
    }
  }
`);

export const CartFields = graphql(`
  fragment CartFields on Cart {
    itemCount
    subtotal {
      ...MoneyFields
    }
    estimatedShipping {
      ...MoneyFields
    }
    estimatedTax {
      ...MoneyFields
    }
    total {
      ...MoneyFields
    }
    estimateCountry
    lines {
      id
      quantity
      unitPrice {
        ...MoneyFields
      }
      lineTotal {
        ...MoneyFields
      }
      product {
        id
        name
        stockStatus
        images {
          url
          alt
        }
      }
    }
    problems {
      lineId
      kind
      message
      available
      previousPrice {
        ...MoneyFields
      }
      currentPrice {
        ...MoneyFields
      }
    }
  }
`);

export const CartDocument = graphql(`
  query Cart {
    me {
      id
      cart {
        ...CartFields
      }
    }
  }
`);

export const AddToCartDocument = graphql(`
  mutation AddToCart($productId: ID!, $quantity: Int!) {
    addToCart(productId: $productId, quantity: $quantity) {
      ...CartFields
    }
  }
`);

export const UpdateCartLineDocument = graphql(`
  mutation UpdateCartLine($lineId: ID!, $quantity: Int!) {
    updateCartLine(lineId: $lineId, quantity: $quantity) {
      ...CartFields
    }
  }
`);

export const RemoveCartLineDocument = graphql(`
  mutation RemoveCartLine($lineId: ID!) {
    removeCartLine(lineId: $lineId) {
      ...CartFields
    }
  }
`);

export const RegisterDocument = graphql(`
  mutation Register($email: String!, $password: String!, $name: String!) {
    register(email: $email, password: $password, name: $name) {
      id
    }
  }
`);

export const RequestPasswordResetDocument = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export const ResetPasswordDocument = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`);

export const VerifyEmailDocument = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      id
      emailVerified
    }
  }
`);

export const AddressFields = graphql(`
  fragment AddressFields on Address {
    id
    recipient
    line1
    line2
    city
    region
    postalCode
    country
    phone
    isDefault
  }
`);

export const AccountDocument = graphql(`
  query Account {
    me {
      id
      name
      email
      emailVerified
      addresses {
        ...AddressFields
      }
    }
  }
`);

export const PaymentMethodsDocument = graphql(`
  query PaymentMethods {
    paymentMethods {
      id
      brand
      last4
      expMonth
      expYear
    }
  }
`);

export const AddPaymentMethodDocument = graphql(`
  mutation AddPaymentMethod($token: String!) {
    addPaymentMethod(token: $token) {
      id
    }
  }
`);

export const RemovePaymentMethodDocument = graphql(`
  mutation RemovePaymentMethod($id: ID!) {
    removePaymentMethod(id: $id)
  }
`);

export const AddAddressDocument = graphql(`
  mutation AddAddress($input: AddressInputObject!) {
    addAddress(input: $input) {
      ...AddressFields
    }
  }
`);

export const UpdateAddressDocument = graphql(`
  mutation UpdateAddress($id: ID!, $input: AddressInputObject!) {
    updateAddress(id: $id, input: $input) {
      ...AddressFields
    }
  }
`);

export const RemoveAddressDocument = graphql(`
  mutation RemoveAddress($id: ID!) {
    removeAddress(id: $id)
  }
`);

export const SetDefaultAddressDocument = graphql(`
  mutation SetDefaultAddress($id: ID!) {
    setDefaultAddress(id: $id) {
      ...AddressFields
    }
  }
`);

export const CheckoutPageDocument = graphql(`
  query CheckoutPage {
    me {
      id
      addresses {
        ...AddressFields
      }
      paymentMethods {
        id
        brand
        last4
        expMonth
        expYear
      }
      cart {
        ...CartFields
      }
    }
  }
`);

export const CheckoutDocument = graphql(`
  mutation Checkout($input: CheckoutInput!) {
    checkout(input: $input) {
      id
      status
    }
  }
`);

export const OrdersDocument = graphql(`
  query Orders($after: String) {
    me {
      id
      orders(first: 20, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          status
          createdAt
          total {
            ...MoneyFields
          }
          lines {
            productName
            quantity
          }
        }
      }
    }
  }
`);

export const OrderDocument = graphql(`
  query Order($id: ID!) {
    order(id: $id) {
      id
      status
      createdAt
      subtotal {
        ...MoneyFields
      }
      shippingCost {
        ...MoneyFields
      }
      tax {
        ...MoneyFields
      }
      taxRatePercent
      total {
        ...MoneyFields
      }
      lines {
        productName
        sku
        quantity
        unitPrice {
          ...MoneyFields
        }
        lineTotal {
          ...MoneyFields
        }
        product {
          id
        }
      }
      shippingAddress {
        recipient
        line1
        line2
        city
        region
        postalCode
        country
      }
      payments {
        id
        status
        cardBrand
        cardLast4
        failureReason
        amount {
          ...MoneyFields
        }
      }
      refunds {
        id
        status
        reason
        amount {
          ...MoneyFields
        }
      }
      invoice {
        id
        number
        pdfPath
      }
      shipment {
        carrier
        trackingNumber
        status
        shippedAt
        deliveredAt
        events {
          status
          description
          location
          at
        }
      }
      returns {
        id
        status
        reason
        createdAt
      }
      timeline {
        status
        at
        actorKind
        note
      }
    }
  }
`);

export const CancelOrderDocument = graphql(`
  mutation CancelOrder($orderId: ID!, $reason: String) {
    cancelOrder(orderId: $orderId, reason: $reason) {
      id
      status
    }
  }
`);

export const RequestReturnDocument = graphql(`
  mutation RequestReturn($input: RequestReturnInput!) {
    requestReturn(input: $input) {
      id
      status
    }
  }
`);

export const NotificationsDocument = graphql(`
  query Notifications {
    me {
      id
      unreadNotificationCount
      notifications(first: 50) {
        nodes {
          id
          category
          title
          body
          link
          createdAt
          read
        }
      }
    }
  }
`);

export const PreferencesDocument = graphql(`
  query NotificationPreferences {
    me {
      id
      notificationPreferences {
        category
        email
        sms
        inApp
      }
    }
  }
`);

export const UpdatePreferenceDocument = graphql(`
  mutation UpdateNotificationPreference($category: String!, $email: Boolean, $sms: Boolean, $inApp: Boolean) {
    updateNotificationPreference(category: $category, email: $email, sms: $sms, inApp: $inApp) {
      category
      email
      sms
      inApp
    }
  }
`);

export const ChangePasswordDocument = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export const MarkAllReadDocument = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`);
