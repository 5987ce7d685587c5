// Every operation the admin app sends, typed by graphql-codegen from the
// committed supergraph (`npm run codegen`).
import { graphql } from "@shop/shared";

export const AdminMeDocument = graphql(`
  query AdminMe {
    me {
      id
      name
      email
      roles
      unreadNotificationCount
    }
  }
`);

export const AdminProductFields = graphql(`
  fragment AdminProduct on Product {
    id
    name
    slug
    sku
    brand
    description
    status
    price {
      ...MoneyFields
    }
    compareAtPrice {
      ...MoneyFields
    }
    weightGrams
    images {
      url
      alt
    }
    attributes {
      key
      type
      value
    }
    categories {
      id
      name
    }
    stockStatus
    stock
    onHand
    reserved
    lowStockThreshold
    updatedAt
  }
`);

export const AdminProductsDocument = graphql(`
  query AdminProducts($filter: ProductFilter, $after: String) {
    products(filter: $filter, sort: NEWEST, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...AdminProduct
      }
    }
  }
`);

export const AdminProductDocument = graphql(`
  query AdminProduct($id: ID!) {
    product(id: $id) {
      ...AdminProduct
      stockMovements(first: 50) {
        id
        delta
        reason
        note
        orderId
        onHandAfter
        createdAt
      }
      reviews(first: 50) {
        totalCount
        nodes {
          id
          rating
          title
          body
          hidden
          verifiedPurchase
          createdAt
          author {
            id
            name
          }
        }
      }
    }
  }
`);

export const CreateProductDocument = graphql(`
  mutation CreateProduct($input: CreateProductInput!) {
    createProduct(input: $input) {
      ...AdminProduct
    }
  }
`);

export const UpdateProductDocument = graphql(`
  mutation UpdateProduct($id: ID!, $input: UpdateProductInput!) {
    updateProduct(id: $id, input: $input) {
      ...AdminProduct
    }
  }
`);

export const SetProductCategoriesDocument = graphql(`
  mutation SetProductCategories($productId: ID!, $categoryIds: [ID!]!) {
    setProductCategories(productId: $productId, categoryIds: $categoryIds) {
      id
      categories {
        id
        name
      }
    }
  }
`);

export const ArchiveProductDocument = graphql(`
  mutation ArchiveProduct($id: ID!) {
    archiveProduct(id: $id) {
      id
      status
    }
  }
`);

export const DeleteProductDocument = graphql(`
  mutation DeleteProduct($id: ID!) {
    deleteProduct(id: $id)
  }
`);

export const AdjustStockDocument = graphql(`
  mutation AdjustStock($input: AdjustStockInput!) {
    adjustStock(input: $input) {
      ...AdminProduct
    }
  }
`);

export const HideReviewDocument = graphql(`
  mutation HideReview($id: ID!, $hidden: Boolean!) {
    hideReview(id: $id, hidden: $hidden) {
      id
      hidden
    }
  }
`);

export const AdminCategoriesDocument = graphql(`
  query AdminCategories {
    categories {
      id
      name
      slug
      path
      parent {
        id
      }
    }
  }
`);

export const CreateCategoryDocument = graphql(`
  mutation CreateCategory($name: String!, $slug: String, $parentId: ID) {
    createCategory(name: $name, slug: $slug, parentId: $parentId) {
      id
    }
  }
`);

export const RenameCategoryDocument = graphql(`
  mutation RenameCategory($id: ID!, $name: String!) {
    renameCategory(id: $id, name: $name) {
      id
      name
    }
  }
`);

export const MoveCategoryDocument = graphql(`
  mutation MoveCategory($id: ID!, $parentId: ID) {
    moveCategory(id: $id, parentId: $parentId) {
      id
    }
  }
`);

export const StaffAlertsDocument = graphql(`
  query StaffAlerts {
    me {
      id
      notifications(first: 30) {
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

export const AdminOrdersDocument = graphql(`
  query AdminOrders($filter: StaffOrderFilterInput, $after: String) {
    orders(filter: $filter, first: 25, after: $after) {
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
        customer {
          id
          name
          email
        }
        lines {
          quantity
        }
      }
    }
  }
`);

export const AdminOrderDocument = graphql(`
  query AdminOrder($id: ID!) {
    order(id: $id) {
      id
      status
      createdAt
      total {
        ...MoneyFields
      }
      customer {
        id
        name
        email
      }
      lines {
        productName
        sku
        quantity
        product {
          id
        }
        lineTotal {
          ...MoneyFields
        }
      }
      shippingAddress {
        recipient
        line1
        line2
        city
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
        createdAt
        amount {
          ...MoneyFields
        }
      }
      shipment {
        carrier
        trackingNumber
        status
      }
      returns {
        id
        status
        reason
        createdAt
        lines {
          quantity
          product {
            id
            name
          }
        }
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

export const MarkFulfillingDocument = graphql(`
  mutation MarkOrderFulfilling($orderId: ID!) {
    markOrderFulfilling(orderId: $orderId) {
      id
      status
    }
  }
`);

export const ShipOrderDocument = graphql(`
  mutation ShipOrder($orderId: ID!, $carrier: String!, $trackingNumber: String!) {
    shipOrder(orderId: $orderId, carrier: $carrier, trackingNumber: $trackingNumber) {
      id
      status
    }
  }
`);

export const MarkDeliveredDocument = graphql(`
  mutation MarkOrderDelivered($orderId: ID!) {
    markOrderDelivered(orderId: $orderId) {
      id
      status
    }
  }
`);

export const RefundOrderDocument = graphql(`
  mutation RefundOrder($orderId: ID!, $amount: String!, $reason: String!) {
    refundOrder(orderId: $orderId, amount: $amount, reason: $reason) {
      id
      status
    }
  }
`);

export const ApproveReturnDocument = graphql(`
  mutation ApproveReturn($returnId: ID!) {
    approveReturn(returnId: $returnId) {
      id
      status
    }
  }
`);

export const RejectReturnDocument = graphql(`
  mutation RejectReturn($returnId: ID!, $note: String!) {
    rejectReturn(returnId: $returnId, note: $note) {
      id
      status
    }
  }
`);

export const ReceiveReturnDocument = graphql(`
  mutation ReceiveReturn($returnId: ID!, $refundAmount: String) {
    receiveReturn(returnId: $returnId, refundAmount: $refundAmount) {
      id
      status
    }
  }
`);

export const UsersDocument = graphql(`
  query Users($filter: UserFilter, $after: String) {
    users(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        email
        roles
        active
        createdAt
      }
    }
  }
`);

export const SetUserRolesDocument = graphql(`
  mutation SetUserRoles($userId: ID!, $roles: [Role!]!) {
    setUserRoles(userId: $userId, roles: $roles) {
      id
      roles
    }
  }
`);

export const DeactivateUserDocument = graphql(`
  mutation DeactivateUser($userId: ID!) {
    deactivateUser(userId: $userId) {
      id
      active
    }
  }
`);
